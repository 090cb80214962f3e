import { readFileSync } from 'node:fs';
import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';

type Json = Record<string, unknown>;

const specDir = new URL('../../libs/zoom-contract/spec/', import.meta.url);
const loadSpec = (name: string) => JSON.parse(readFileSync(new URL(name, specDir), 'utf8')) as Json;

/** #3 is in neither document; shape from REFERENCE.md §3. */
const IM_USER_CHAT_MESSAGES: AnySchema = {
  type: 'object',
  properties: {
    date: { type: 'string' },
    page_size: { type: 'integer' },
    next_page_token: { type: 'string' },
    messages: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          message: { type: 'string' },
          sender: { type: 'string' },
          date_time: { type: 'string', format: 'date-time' },
          timestamp: { type: 'integer' },
        },
      },
    },
  },
};

/** Neither document describes error bodies; REFERENCE.md §1.3 gives Zoom's common shape. */
const ZOOM_ERROR: AnySchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'integer' },
    message: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' } } } },
  },
};

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
// Zoom declares `format: email` on fields it blanks for anonymised external users (e.g. channel member `email`).
const email = fullFormats.email as RegExp;
ajv.addFormat('email', (value: string) => value === '' || email.test(value));

type Check = ValidateFunction | 'empty' | 'undocumented';
const cache = new Map<string, Check>();
let openApi: Json | undefined;
let imLegacy: Json | undefined;

export function validateZoomResponse(operationId: string, status: number, body: unknown): string[] {
  const key = `${operationId} ${status}`;
  let check = cache.get(key);
  if (!check) {
    const schema = responseSchema(operationId, status);
    check = typeof schema === 'string' ? schema : ajv.compile(schema);
    cache.set(key, check);
  }
  if (check === 'undocumented') return [`${key}: status ${status} is not documented for ${operationId}`];
  if (check === 'empty') return isEmptyBody(body) ? [] : [`${key}: body must be empty, got ${JSON.stringify(body)}`];
  return check(body) ? [] : (check.errors ?? []).map((e) => `${key}: ${formatError(e)}`);
}

function responseSchema(operationId: string, status: number): AnySchema | 'empty' | 'undocumented' {
  let documented: AnySchema | 'empty' | undefined;
  if (operationId === 'imUserChatMessages') {
    documented = status === 200 ? IM_USER_CHAT_MESSAGES : undefined;
  } else if (operationId === 'imChatSessions' || operationId === 'imChatMessages') {
    imLegacy ??= loadSpec('im-legacy.swagger.json');
    const response = findOperation(imLegacy, operationId).responses[String(status)] as Json | undefined;
    documented = response?.schema ? toJsonSchema(response.schema, imLegacy) : undefined;
  } else {
    openApi ??= loadSpec('team-chat.openapi.json');
    const response = findOperation(openApi, operationId).responses[String(status)] as Json | undefined;
    const media = (response?.content as Json | undefined)?.['application/json'] as Json | undefined;
    if (media?.schema) documented = toJsonSchema(media.schema, openApi);
    else if (response && status < 300) documented = 'empty';
  }
  // Error bodies are never described per operation, and 401 applies to every endpoint.
  if (status >= 400) return documented ?? ZOOM_ERROR;
  return documented ?? 'undocumented';
}

function findOperation(doc: Json, operationId: string): { responses: Json } {
  for (const pathItem of Object.values(doc.paths as Record<string, Json>)) {
    for (const op of Object.values(pathItem) as Json[]) {
      if (op?.operationId === operationId) return op as { responses: Json };
    }
  }
  throw new Error(`Unknown operationId: ${operationId}`);
}

/**
 * OpenAPI 3.0 / Swagger 2.0 schema -> JSON Schema ajv understands: inline local `$ref`s, turn `nullable` into a
 * null type, and read `oneOf` as `anyOf` (Zoom's variants, e.g. getChatSessions, are not mutually exclusive).
 */
function toJsonSchema(node: unknown, root: Json, seen: readonly string[] = []): AnySchema {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, root, seen));
  if (!node || typeof node !== 'object') return node as AnySchema;
  const schema = node as Json;
  if (typeof schema.$ref === 'string') {
    if (seen.includes(schema.$ref)) throw new Error(`Recursive $ref ${schema.$ref} is not supported`);
    return toJsonSchema(resolvePointer(root, schema.$ref), root, [...seen, schema.$ref]);
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'example' || key === 'nullable' || key.startsWith('x-')) continue;
    out[key === 'oneOf' ? 'anyOf' : key] = key === 'enum' ? value : toJsonSchema(value, root, seen);
  }
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  }
  return out;
}

function resolvePointer(root: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => {
      const next = (node as Json | undefined)?.[part];
      if (next === undefined) throw new Error(`Unresolvable $ref ${ref}`);
      return next;
    }, root);
}

/** supertest reports a missing body as `{}`; Node never sends a body with 204 anyway. */
function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null || body === '') return true;
  if (Buffer.isBuffer(body)) return body.length === 0;
  return typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0;
}

function formatError(error: ErrorObject): string {
  const where = `body${error.instancePath}`;
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v));
    return `${where} must be one of ${allowed.join(', ')}`;
  }
  return `${where} ${error.message ?? error.keyword}`;
}
