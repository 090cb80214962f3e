import { API_KEY_ROLES } from '#libs/archive';
import { ROLE_PERMISSIONS } from '../src/auth/permissions.js';
import type { ApiRoute } from '../src/common/route-catalogue.util.js';
import { type ApiHarness, type ApiResponse, type QueryValue, type RequestOptions, startApi } from './api.harness.js';
import { appRoutes, concretePath, routeName } from './app-routes.util.js';
import { type OpenApiDocument, bodySchema, operationOf, plausibleValue } from './openapi-operations.util.js';

interface FuzzCase {
  what: string;
  path: string;
  options: RequestOptions;
  /** When the answer is 400, its details must name this parameter. */
  names?: string;
  /** The answer must be exactly this status. */
  status?: number;
}

const HOSTILE_VALUES: string[] = [
  '',
  ' ',
  'abc',
  '-1',
  '0',
  '1.5',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  '1e309',
  '99999999999999999999999999',
  '-99999999999999999999999999',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '{"$gt": ""}',
  "' OR '1'='1",
  "'; DROP TABLE messages; --",
  '" OR ""="',
  '\\',
  '%',
  '%00',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '😀'.repeat(300),
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '../../../etc/passwd',
  '2026-13-45T99:99:99Z',
  '2026-02-30',
  '0000-00-00T00:00:00Z',
  '9999-12-31T23:59:59.999999999Z',
  '"phrase with an open quote',
  'OR OR OR - - -',
  '-',
  '*:*',
  '& | ! ( ) : *',
  '\\u0000',
  'x'.repeat(5_000),
  'word '.repeat(2_000),
];

const b64 = (text: string) => Buffer.from(text).toString('base64url');

const BAD_CURSORS: string[] = [
  '!!!',
  'abc',
  b64('not json'),
  b64('{}'),
  b64('[]'),
  b64('null'),
  b64('{"id": "1\' OR 1=1 --"}'),
  b64('{"c": "2026-01-01T00:00:00.000Z", "i": "x"}'),
  b64('{"before": "-1"}'),
  b64('{"before": "99999999999999999999999"}'),
  b64('{"__proto__": {"admin": true}}'),
  b64('"a string"'),
  'A'.repeat(2_000),
  `${b64('{"before":"1"}')}==`,
];

const BAD_PATH_VALUES: string[] = [
  'abc',
  "1'%20OR%20'1'%3D'1",
  '%00',
  'a%00b',
  'x'.repeat(2_000),
  '..%2F..%2Fetc%2Fpasswd',
  '%E0%A4%A',
  '%',
  '-1',
  '99999999999999999999999999',
  '%F0%9F%98%80',
  '%7B%7B7*7%7D%7D',
  '%3Cscript%3E',
  '00000000-0000-0000-0000-000000000000',
  '%7BB8A8E8C4-0000-0000-0000-000000000000%7D',
];

const BAD_BODIES: [string, string, Record<string, string>?][] = [
  ['truncated JSON', '{"name": '],
  ['a lone brace', '{'],
  ['trailing comma', '{"a": 1,}'],
  ['single quotes', "{'a': 1}"],
  ['a bare string', '"string"'],
  ['a bare number', '123'],
  ['null', 'null'],
  ['an array', '[1, 2]'],
  ['an empty array', '[]'],
  ['an empty object', '{}'],
  ['prototype pollution', '{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}'],
  ['deep nesting', `${'{"a":'.repeat(500)}1${'}'.repeat(500)}`],
  ['deep arrays', `${'['.repeat(5_000)}${']'.repeat(5_000)}`],
  ['huge', JSON.stringify({ name: 'x'.repeat(300_000) })],
  ['many fields', JSON.stringify(Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`f${i}`, i])))],
  ['NUL in a key', '{"a\\u0000": 1}'],
  ['JSON as text/plain', '{"name": "x"}', { 'content-type': 'text/plain' }],
  ['form-encoded', 'name=x&role=admin', { 'content-type': 'application/x-www-form-urlencoded' }],
  ['an unknown charset', '{"name": "x"}', { 'content-type': 'application/json; charset=ibm500' }],
  ['gzip it is not', '{"name": "x"}', { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
  ['an unknown encoding', '{"name": "x"}', { 'content-type': 'application/json', 'content-encoding': 'br2' }],
];

const WRONG_TYPES: unknown[] = [
  123,
  -1,
  1.5,
  true,
  null,
  [],
  ['a', 'b'],
  {},
  { $gt: '' },
  'x'.repeat(10_000),
  "' OR 1=1 --",
  'a\u0000b',
  '',
  1e308,
];

/** The malformed requests for one route, each valid except for the part under test. */
function fuzzCases(route: ApiRoute, doc: OpenApiDocument): FuzzCase[] {
  const operation = operationOf(doc, route);
  const parameters = operation?.parameters ?? [];
  const baseline: Record<string, QueryValue> = {};
  for (const p of parameters.filter((p) => p.in === 'query' && p.required)) baseline[p.name] = plausibleValue(p.schema);
  const path = concretePath(route);
  const cases: FuzzCase[] = [
    {
      what: 'an unknown query field',
      path,
      options: { query: { ...baseline, zz_unknown: '1' } },
      names: 'zz_unknown',
      status: 400,
    },
    { what: 'query prototype keys', path, options: { query: { ...baseline, __proto__: '1', constructor: 'x' } } },
  ];
  for (const p of parameters.filter((p) => p.in === 'query')) {
    const values = p.name === 'cursor' ? BAD_CURSORS : HOSTILE_VALUES;
    for (const value of values) {
      cases.push({
        what: `query ${p.name}=${JSON.stringify(value.slice(0, 40))}`,
        path,
        options: { query: { ...baseline, [p.name]: value } },
        names: p.name,
        status: p.name === 'cursor' ? 400 : undefined,
      });
    }
    cases.push({
      what: `query ${p.name} twice`,
      path,
      options: { query: { ...baseline, [p.name]: [String(plausibleValue(p.schema)), 'x'] } },
      names: p.name,
    });
  }
  for (const p of parameters.filter((p) => p.in === 'path')) {
    for (const value of BAD_PATH_VALUES) {
      cases.push({
        what: `path ${p.name}=${value.slice(0, 40)}`,
        path: route.path.replace(`:${p.name}`, value).replace(/:([A-Za-z0-9_]+)/g, 'x'),
        options: { query: baseline },
      });
    }
  }
  for (const [what, body, headers] of BAD_BODIES) {
    cases.push({ what: `body: ${what}`, path, options: { query: baseline, body, headers } });
  }
  const schema = bodySchema(doc, operation);
  if (schema?.properties) {
    const valid = Object.fromEntries(
      Object.entries(schema.properties)
        .filter(([name]) => schema.required?.includes(name))
        .map(([name, property]) => [name, plausibleValue(property)]),
    );
    for (const name of Object.keys(schema.properties)) {
      for (const value of WRONG_TYPES) {
        cases.push({
          what: `body ${name}=${JSON.stringify(value)?.slice(0, 40)}`,
          path,
          options: { query: baseline, body: { ...valid, [name]: value } },
          names: name,
        });
      }
    }
    cases.push({
      what: 'body with an unknown field',
      path,
      options: { query: baseline, body: { ...valid, zz_unknown: 1 } },
      names: 'zz_unknown',
      status: 400,
    });
  }
  return cases;
}

/** What is wrong with an answer, if anything. */
function problems(response: ApiResponse, fuzz: FuzzCase): string[] {
  const found: string[] = [];
  if (response.status >= 500) return [`answered ${response.status}: ${response.text.slice(0, 300)}`];
  if (fuzz.status && response.status !== fuzz.status) found.push(`answered ${response.status}, not ${fuzz.status}`);
  if (response.status < 400) return found;
  const body = response.body as {
    error?: { status?: unknown; code?: unknown; message?: unknown; details?: { parameter?: unknown }[] };
    request_id?: unknown;
  };
  const error = body?.error;
  if (
    !error ||
    error.status !== response.status ||
    typeof error.code !== 'string' ||
    typeof error.message !== 'string' ||
    !Array.isArray(error.details)
  ) {
    return [...found, `not the error body: ${response.text.slice(0, 300)}`];
  }
  if (!body.request_id || body.request_id !== response.headers.get('x-request-id'))
    found.push('no matching request_id');
  if (response.status === 400) {
    const names = error.details.map((d) => d.parameter);
    if (names.length === 0 || names.some((n) => typeof n !== 'string' || n === '')) {
      found.push(`400 naming no parameter: ${response.text.slice(0, 300)}`);
    } else if (fuzz.names && !names.some((n) => n === fuzz.names || String(n).startsWith(`${fuzz.names}.`))) {
      if (!(fuzz.names !== 'zz_unknown' && names.every((n) => n === 'body' || n === 'path'))) {
        found.push(`400 naming ${names.join(', ')}, not ${fuzz.names}`);
      }
    }
  }
  return found;
}

/**
 * Issue #5 / DESIGN invariant 7: hundreds of malformed requests at every route of the app, each with a key
 * whose role may call the route (so the request reaches validation) — never a 500, always the one error
 * body with the request id, and every 400 names the parameter at fault.
 */
describe('malformed input at every route', () => {
  let h: ApiHarness;
  let routes: ApiRoute[];
  let doc: OpenApiDocument;

  beforeAll(async () => {
    h = await startApi();
    routes = appRoutes(h.app);
    doc = (await h.request('GET', '/docs-json')).body as OpenApiDocument;
  });
  afterAll(() => h?.close());

  it('never gets a 500, and every error has the one body naming what is wrong', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) {
      const roles =
        route.permission === 'public'
          ? [undefined]
          : API_KEY_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(route.permission!));
      const cases = fuzzCases(route, doc);
      for (const [index, role] of roles.entries()) {
        // Every case with the first role allowed; a sample with the others.
        for (const fuzz of cases.filter((_, i) => index === 0 || i % 4 === 0)) {
          const response = await h.request(route.method, fuzz.path, {
            ...fuzz.options,
            key: role && h.keys[role],
          });
          sent += 1;
          for (const problem of problems(response, fuzz)) {
            failures.push(`${routeName(route)} as ${role ?? 'anyone'}, ${fuzz.what}: ${problem}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(300);
  }, 600_000);

  it('hostile headers get a clean 401 or are ignored', async () => {
    const protectedRoute = routes.find((r) => r.permission !== 'public')!;
    const attempts: Record<string, string>[] = [
      { authorization: `Bearer ${'a'.repeat(5_000)}` },
      { authorization: `Bearer zca_${'0'.repeat(36)}_${'A'.repeat(43)}` },
      { authorization: "Bearer ' OR 1=1 --" },
      { authorization: 'Bearer \u00ff\u00fe' },
      { authorization: `Bearer ${h.keys.admin} extra` },
      { 'x-request-id': 'x'.repeat(5_000), authorization: 'Bearer x' },
    ];
    for (const headers of attempts) {
      const response = await h.request(protectedRoute.method, concretePath(protectedRoute), { headers });
      expect(response.status).toBe(401);
      expect(problems(response, { what: 'headers', path: '', options: {} })).toEqual([]);
    }
  });

  it('leaves the audit chain intact', async () => {
    const verify = await h.request('GET', '/api/v1/audit-log/verify', { key: h.keys.auditor });
    expect(verify.body.data).toMatchObject({ intact: true });
    expect(verify.body.data.checked).toBeGreaterThan(100);
  });
});
