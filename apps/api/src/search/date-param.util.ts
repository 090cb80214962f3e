import { ApiError } from '../common/api.error.js';

/**
 * An ISO 8601 parameter as a Date, or a 400 naming it. The validator accepts forms JavaScript cannot read
 * (week dates) and years Postgres rejects (year 0), which would otherwise surface as a 500.
 */
export function dateParam(parameter: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1 || year > 9999) {
    throw ApiError.invalid(parameter, 'must be an ISO 8601 date-time between the years 1 and 9999');
  }
  return date;
}
