import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiError, type ApiErrorDetail } from './api.error.js';

/** A body of a thousand bad fields still gets a short answer. */
const MAX_DETAILS = 20;
/** Deeper than any DTO of this API; far below where the recursive class-transformer would overflow the stack. */
export const MAX_BODY_DEPTH = 32;

const LOCATIONS: Partial<Record<ArgumentMetadata['type'], string>> = {
  query: 'query',
  param: 'path',
  body: 'body',
};

/**
 * The global ValidationPipe (whitelist, forbidNonWhitelisted, transform) with its errors in the API's one
 * error body, each naming its parameter. Before class-validator sees a value it refuses what Postgres would
 * refuse later with a 500: NUL characters anywhere, and a body that is not a JSON object.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors: ValidationError[]) => validationFailed(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const location = LOCATIONS[metadata.type];
    if (!location) return super.transform(value, metadata);
    if (location === 'body' && nestedDeeperThan(value, MAX_BODY_DEPTH)) {
      throw ApiError.invalid('body', `must not be nested more than ${MAX_BODY_DEPTH} levels deep`);
    }
    const nul = findNul(value, metadata.data ?? '', 0);
    if (nul !== undefined) throw ApiError.invalid(nul || location, 'must not contain NUL characters');
    if (location === 'body' && !metadata.data && isDtoClass(metadata.metatype) && value !== undefined) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw ApiError.invalid('body', 'must be a JSON object');
      }
    }
    return super.transform(value, metadata);
  }
}

function validationFailed(errors: ValidationError[]): ApiError {
  const details = flatten(errors, '').slice(0, MAX_DETAILS);
  const names = [...new Set(details.map((d) => d.parameter))].join(', ');
  return new ApiError(400, 'validation_failed', `Invalid parameter${details.length > 1 ? 's' : ''} ${names}`, details);
}

function flatten(errors: ValidationError[], parent: string): ApiErrorDetail[] {
  const details: ApiErrorDetail[] = [];
  for (const error of errors) {
    const path = parent && error.property ? `${parent}.${error.property}` : parent || error.property || 'body';
    if (error.constraints) details.push({ parameter: path, message: describe(error) });
    if (error.children?.length) details.push(...flatten(error.children, path));
  }
  return details;
}

/** class-validator starts its messages with the property name; the detail already names it. */
function describe(error: ValidationError): string {
  const constraints = error.constraints ?? {};
  if (constraints.whitelistValidation) return 'is not a known parameter';
  return Object.values(constraints)
    .map((m) => (error.property && m.startsWith(`${error.property} `) ? m.slice(error.property.length + 1) : m))
    .join('; ');
}

/** The path of the first string (or key) holding U+0000, '' for the value itself; undefined when none does. */
function findNul(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > MAX_BODY_DEPTH) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = Array.isArray(value) ? path : path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return itemPath;
    const found = findNul(item, itemPath, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function nestedDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (max === 0) return true;
  return Object.values(value).some((item) => nestedDeeperThan(item, max - 1));
}

function isDtoClass(metatype: ArgumentMetadata['metatype']): boolean {
  return typeof metatype === 'function' && ![String, Number, Boolean, Array, Object].includes(metatype as never);
}
