/**
 * Generates the request and response types of libs/zoom-client from the contract in
 * libs/zoom-contract/spec with openapi-typescript. Run through scripts/generate-zoom-types.sh:
 *
 *   npm run generate:zoom-types   writes libs/zoom-client/src/generated/
 *   npm run check:zoom-types      regenerates into a temporary directory and fails on any difference
 *
 * Usage of the compiled file: node generate-zoom-types.js <output directory>
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import * as prettier from 'prettier';
import { ZOOM_ENDPOINTS } from '../libs/zoom-contract/src/index.js';

type Json = Record<string, unknown>;

const ROOT = process.cwd();
const SPEC_DIR = join(ROOT, 'libs/zoom-contract/spec');
const CLIENT_DIR = join(ROOT, 'libs/zoom-client/src/generated');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const readJson = (name: string) => JSON.parse(readFileSync(join(SPEC_DIR, name), 'utf8')) as Json;

/**
 * Zoom's Team Chat document describes ~100 operations; the client covers the catalogue's. Keeping only those
 * keeps the generated file a third of the size without changing any type the client uses.
 */
function catalogueOperations(doc: Json, wanted: ReadonlySet<string>): Json {
  const paths: Record<string, Json> = {};
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    const kept = Object.fromEntries(
      Object.entries(item).filter(([key, op]) => key === 'parameters' || wanted.has(operationId(op))),
    );
    if (Object.keys(kept).some((key) => key !== 'parameters')) paths[path] = kept;
  }
  return { openapi: doc.openapi, info: doc.info, servers: doc.servers, paths };
}

function operationId(op: unknown): string {
  const id = typeof op === 'object' && op !== null ? (op as Json).operationId : undefined;
  return typeof id === 'string' ? id : '';
}

/** Swagger 2.0 `$ref`s to definitions point at OpenAPI 3 component schemas instead. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === '$ref' && typeof value === 'string'
        ? [key, value.replace('#/definitions/', '#/components/schemas/')]
        : [key, rewriteRefs(value)],
    ),
  );
}

/** A Swagger 2.0 parameter (inline or `#/parameters/…`) as an OpenAPI 3 parameter with a schema. */
function parameter(raw: Json, swagger: Json): Json {
  const ref = typeof raw.$ref === 'string' ? raw.$ref : undefined;
  const param = ref ? ((swagger.parameters as Record<string, Json>)[ref.replace('#/parameters/', '')] ?? {}) : raw;
  const { name, in: where, description, required, type, format, default: fallback, maximum } = param;
  const schema = Object.fromEntries(
    Object.entries({ type, format, default: fallback, maximum }).filter(([, v]) => v !== undefined),
  );
  return { name, in: where, description, required: required === true, schema };
}

/**
 * openapi-typescript 7 reads OpenAPI 3 only. The IM excerpt uses nothing beyond parameters, JSON response
 * schemas and definitions, so this minimal conversion is lossless for it.
 */
function swaggerToOpenApi(swagger: Json): Json {
  const paths: Record<string, Json> = {};
  for (const [path, item] of Object.entries(swagger.paths as Record<string, Json>)) {
    const converted: Json = {};
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const responses = Object.fromEntries(
        Object.entries(op.responses as Record<string, Json>).map(([status, res]) => [
          status,
          {
            description: res.description,
            ...(res.schema ? { content: { 'application/json': { schema: rewriteRefs(res.schema) } } } : {}),
          },
        ]),
      );
      const parameters = ((op.parameters ?? []) as Json[]).map((p) => parameter(p, swagger));
      converted[method] = { ...op, parameters, responses };
    }
    paths[path] = converted;
  }
  return {
    openapi: '3.0.0',
    info: swagger.info,
    servers: [{ url: `https://${String(swagger.host)}${String(swagger.basePath)}` }],
    paths,
    components: { schemas: rewriteRefs(swagger.definitions) },
  };
}

const str = (description: string, format?: string) => ({ type: 'string', description, ...(format ? { format } : {}) });
const param = (name: string, where: 'path' | 'query', description: string, schema: Json) => ({
  name,
  in: where,
  description,
  required: where === 'path',
  schema,
});

/**
 * #3 is in neither spec document (REFERENCE.md §3 #3: removed from the current spec, absent from the 2021
 * excerpt). Its parameters and 200 body are REFERENCE.md §3 #3's (Postman example, older generated clients),
 * written in the excerpt's vocabulary so its types come out of the same generator as #5 and #6.
 */
const IM_USER_CHAT_MESSAGES: Json = {
  '/im/users/{userId}/chat/messages': {
    get: {
      summary: "Get user's IM messages",
      operationId: 'imUserChatMessages',
      parameters: [
        param('userId', 'path', 'The user ID or email address.', { type: 'string' }),
        param('chat_user', 'query', "The chat user's ID or email address.", { type: 'string' }),
        param('channel', 'query', 'The IM channel ID.', { type: 'string' }),
        param('date', 'query', 'The query date, yyyy-MM-dd.', { type: 'string', format: 'date' }),
        param('page_size', 'query', 'The number of records returned within a single API call.', {
          type: 'integer',
          default: 30,
          maximum: 300,
        }),
        param('next_page_token', 'query', 'Next page token; expires after 15 minutes.', { type: 'string' }),
      ],
      responses: {
        '200': {
          description: 'IM chat messages returned.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  date: str('The queried date.', 'date'),
                  page_size: { type: 'integer' },
                  next_page_token: str('Next page token; empty on the last page.'),
                  messages: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        id: str('The message ID.'),
                        message: str('The message content.'),
                        sender: str("The sender's email address."),
                        date_time: str('The message sent time.', 'date-time'),
                        timestamp: { type: 'integer', format: 'int64', description: 'Sent time, epoch milliseconds.' },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

function imDocument(): Json {
  const doc = swaggerToOpenApi(readJson('im-legacy.swagger.json'));
  return { ...doc, paths: { ...(doc.paths as Json), ...IM_USER_CHAT_MESSAGES } };
}

function operationIds(doc: Json): string[] {
  return Object.values(doc.paths as Record<string, Json>).flatMap((item) =>
    METHODS.map((m) => operationId(item[m])).filter(Boolean),
  );
}

async function render(doc: Json, source: string, target: string): Promise<string> {
  const ast = await openapiTS(doc as unknown as OpenAPI3, { silent: true, emptyObjectsUnknown: true });
  const header = `// Generated by scripts/generate-zoom-types.ts from ${source}; run \`npm run generate:zoom-types\`.\n`;
  const options = await prettier.resolveConfig(target);
  return prettier.format(header + astToString(ast), { ...options, filepath: target });
}

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? CLIENT_DIR);
  const wanted = new Set(ZOOM_ENDPOINTS.map((e) => e.operationId));
  const teamChat = catalogueOperations(readJson('team-chat.openapi.json'), wanted);
  const im = imDocument();
  const missing = [...wanted].filter((id) => ![...operationIds(teamChat), ...operationIds(im)].includes(id));
  if (missing.length > 0) throw new Error(`Operations in no spec document: ${missing.join(', ')}`);

  mkdirSync(outDir, { recursive: true });
  const files = [
    { doc: teamChat, source: 'libs/zoom-contract/spec/team-chat.openapi.json', name: 'team-chat.ts' },
    { doc: im, source: 'libs/zoom-contract/spec/im-legacy.swagger.json and REFERENCE.md §3 #3', name: 'im-legacy.ts' },
  ];
  for (const { doc, source, name } of files) {
    // Prettier resolves its configuration from the committed location, wherever the output goes.
    writeFileSync(join(outDir, name), await render(doc, source, join(CLIENT_DIR, name)));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
