const PLACEHOLDER = /\{(\w+)\}/g;

/** The `{name}`s of an OpenAPI path template, in order. */
export function pathParamNames(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/**
 * Fills a path template. Every value is percent-encoded as one segment: message ids come wrapped in
 * braces (REFERENCE.md §1.4, §7.8) and identifiers may be emails. An empty value would silently address
 * a different route (Zoom blanks the ids of external users, §7.2), so it is refused.
 */
export function buildPath(template: string, values: readonly string[]): string {
  const names = pathParamNames(template);
  if (names.length !== values.length) {
    throw new TypeError(`${template} takes ${names.length} path parameter(s), got ${values.length}`);
  }
  let i = 0;
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[i++];
    if (typeof value !== 'string' || value === '')
      throw new TypeError(`Path parameter ${name} must be a non-empty string`);
    return encodeURIComponent(value);
  });
}

/** Positional values of a `{name: value}` object, in the template's order. */
export function pathValues(template: string, params: Readonly<Record<string, unknown>>): string[] {
  return pathParamNames(template).map((name) => {
    const value = params[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  });
}
