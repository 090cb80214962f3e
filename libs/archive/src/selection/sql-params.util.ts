import pg from 'pg';

/** Positional parameters for hand-written SQL: values never enter the statement text. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder, with a cast when given (`$3::timestamptz`). */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

/**
 * Values written into the statement as escaped literals, for statements that take no bind parameters
 * (`COPY (SELECT …) TO STDOUT`). Same interface as SqlParams, so one filter builder serves both; the literal
 * escaping is node-postgres' own (`escapeLiteral`, safe whatever standard_conforming_strings says).
 */
export class InlineSqlParams extends SqlParams {
  override add(value: unknown, cast?: string): string {
    const literal = inlineLiteral(value);
    return cast ? `${literal}::${cast}` : literal;
  }
}

function inlineLiteral(value: unknown): string {
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return `ARRAY[${value.map((item) => pg.escapeLiteral(item)).join(', ')}]`;
  }
  throw new TypeError(`Cannot write ${typeof value} as an SQL literal`);
}
