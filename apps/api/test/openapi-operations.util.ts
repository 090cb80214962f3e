import { randomUUID } from 'node:crypto';
import type { ApiRoute } from '../src/common/route-catalogue.util.js';

export interface SchemaLike {
  type?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  default?: unknown;
  $ref?: string;
  properties?: Record<string, SchemaLike>;
  required?: string[];
  allOf?: SchemaLike[];
}

export interface ParameterLike {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaLike;
}

export interface OperationLike {
  parameters?: ParameterLike[];
  requestBody?: { content?: Record<string, { schema?: SchemaLike }> };
  security?: Record<string, string[]>[];
  'x-required-permission'?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationLike>>;
  components?: { schemas?: Record<string, SchemaLike>; securitySchemes?: Record<string, unknown> };
}

/** `/api/v1/api-keys/:id` → `/api/v1/api-keys/{id}`. */
export function openApiPath(route: ApiRoute): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function operationOf(doc: OpenApiDocument, route: ApiRoute): OperationLike | undefined {
  return doc.paths[openApiPath(route)]?.[route.method.toLowerCase()];
}

export function resolve(doc: OpenApiDocument, schema: SchemaLike | undefined): SchemaLike {
  if (!schema) return {};
  if (schema.$ref) return resolve(doc, doc.components?.schemas?.[schema.$ref.split('/').at(-1)!]);
  if (schema.allOf) {
    return schema.allOf
      .map((part) => resolve(doc, part))
      .reduce<SchemaLike>(
        (merged, part) => ({
          ...merged,
          ...part,
          properties: { ...merged.properties, ...part.properties },
          required: [...(merged.required ?? []), ...(part.required ?? [])],
        }),
        {},
      );
  }
  return schema;
}

export function bodySchema(doc: OpenApiDocument, operation: OperationLike | undefined): SchemaLike | undefined {
  const schema = operation?.requestBody?.content?.['application/json']?.schema;
  return schema ? resolve(doc, schema) : undefined;
}

/** A value the schema accepts, for building requests that are valid except for the one part under test. */
export function plausibleValue(schema: SchemaLike | undefined): string | number | boolean {
  if (!schema) return 'fuzz';
  if (schema.enum?.length) return schema.enum[0] as string;
  if (schema.default !== undefined && typeof schema.default !== 'object') return schema.default as string;
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'date-time') return '2026-01-01T00:00:00.000Z';
  if (schema.format === 'date') return '2026-01-01';
  return 'fuzz';
}
