import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZOOM_ENDPOINTS, endpointByNumber, endpointByOperationId } from './endpoint-catalog.js';

const specFile = (name: string) => readFileSync(join(process.cwd(), 'libs/zoom-contract/spec', name), 'utf8');

interface SeedEndpoint {
  n: number;
  title: string;
  method: string;
  path: string;
  label?: string;
  scopes: string[];
}

/** endpoints.txt: numbered headings, each followed by `METHOD {{baseUrl}}/path/:param?query` and free text. */
function parseSeed(text: string): SeedEndpoint[] {
  const sections = text.split(/^(?=\d+\. \S+ - )/m).slice(1);
  return sections.map((section) => {
    const heading = /^(\d+)\. \S+ - (.+)$/m.exec(section);
    const request = /^(GET|POST|PUT|PATCH|DELETE) \{\{baseUrl\}\}([^?\s]+)/m.exec(section);
    if (!heading || !request) throw new Error(`Unparsable section: ${section.slice(0, 80)}`);
    const scopeLine = /^Scopes?: (.+)$/m.exec(section)?.[1] ?? '';
    return {
      n: Number(heading[1]),
      title: heading[2].trim(),
      method: request[1],
      path: request[2].replace(/:(\w+)/g, '{$1}'),
      label: /^Rate Limit Label: (\S+)/m.exec(section)?.[1],
      scopes: scopeLine.split(/\s*,\s*|\s+or\s+/).filter(Boolean),
    };
  });
}

interface OpenApiOperation {
  operationId: string;
  responses: Record<string, unknown>;
  parameters?: { name: string; schema?: { default?: number; maximum?: number } }[];
  security?: { openapi_oauth?: string[] }[];
}

const seed = parseSeed(specFile('endpoints.txt'));
const openApi = JSON.parse(specFile('team-chat.openapi.json')) as {
  paths: Record<string, Record<string, OpenApiOperation>>;
};
const notInOpenApi = new Set(['imUserChatMessages', 'imChatMessages', 'imChatSessions']);
const documented = ZOOM_ENDPOINTS.filter((e) => !notInOpenApi.has(e.operationId));

describe('ZOOM_ENDPOINTS vs endpoints.txt', () => {
  it('has exactly the 40 numbered (method, path) pairs', () => {
    expect(seed).toHaveLength(40);
    const fromSeed = seed.map((s) => [s.n, s.method, s.path]);
    const fromCatalog = ZOOM_ENDPOINTS.map((e) => [e.n, e.method, e.path]);
    expect(fromCatalog).toEqual(fromSeed);
  });

  it.each(seed)('#$n: title, rate limit label and listed scopes match', (s) => {
    const e = endpointByNumber(s.n);
    expect(e.summary).toBe(s.title);
    expect(e.label?.toLowerCase()).toBe(s.label?.toLowerCase());
    expect(e.scopes).toEqual(expect.arrayContaining(s.scopes));
  });

  it('has no label only for the two file-host endpoints', () => {
    expect(ZOOM_ENDPOINTS.filter((e) => e.label === null).map((e) => e.n)).toEqual([14, 17]);
    expect(ZOOM_ENDPOINTS.filter((e) => e.fileHost).map((e) => e.n)).toEqual([14, 17]);
  });
});

describe('ZOOM_ENDPOINTS vs team-chat.openapi.json', () => {
  it('covers 37 documented operations', () => {
    expect(documented).toHaveLength(37);
  });

  it.each(documented)('#$n $operationId: path, method, scopes, status and page size', (e) => {
    const op = openApi.paths[e.path]?.[e.method.toLowerCase()];
    expect(op?.operationId).toBe(e.operationId);
    if (!op) return;
    expect(e.scopes).toEqual(op.security?.[0]?.openapi_oauth);
    expect(Object.keys(op.responses).filter((code) => code.startsWith('2'))).toEqual([String(e.successStatus)]);
    const pageSize = op.parameters?.find((p) => p.name === 'page_size')?.schema;
    expect(e.pageSize).toEqual(pageSize && { default: pageSize.default, max: pageSize.maximum });
  });
});

describe('lookups', () => {
  it('finds entries by operationId and number', () => {
    expect(endpointByOperationId('reportChatSessions').n).toBe(2);
    expect(endpointByNumber(31).operationId).toBe('removeAUserLevelChannelMember');
    expect(new Set(ZOOM_ENDPOINTS.map((e) => e.operationId)).size).toBe(40);
  });

  it('throws on unknown keys', () => {
    expect(() => endpointByOperationId('nope')).toThrow(/nope/);
    expect(() => endpointByNumber(41)).toThrow(/41/);
  });
});
