import type { ApiKeyRole } from '#libs/archive';

/** One ready-to-paste request of the demo's printout. */
export interface DemoRequest {
  /** What it shows, printed as a comment above the command. */
  readonly title: string;
  /** Whose key it is sent with: each role sees what DESIGN.md gives it. */
  readonly role: ApiKeyRole;
  readonly method: 'GET' | 'POST';
  /** Path from the API's root, e.g. /api/v1/messages/search. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Saves the response to this file (downloads) instead of printing it. */
  readonly outputFile?: string;
}

export interface DemoRequestInput {
  readonly messageId: string;
  readonly sessionId: string;
  /** A word of a message deleted in Zoom; null leaves the search unfiltered by deletion. */
  readonly searchTerm: string | null;
  /** An export the demo made and the worker finished; null leaves out its status and download. */
  readonly exportId: string | null;
}

/** The export the demo makes and prints: what was deleted in Zoom, as CSV, times also in New York's zone. */
export const DEMO_EXPORT_BODY = {
  format: 'messages.csv',
  filters: { deleted: true },
  options: { time_zone: 'America/New_York' },
} as const;

const WORD = /\p{L}+/gu;

/**
 * A search term from the original texts of deleted messages: the longest plain ASCII word of five letters or
 * more (no quoting or percent-encoding needed in a pasted command), taken from the first text that has one.
 */
export function pickSearchTerm(texts: readonly string[]): string | null {
  for (const text of texts) {
    const words = (text.match(WORD) ?? []).filter((w) => /^[a-z]{5,}$/i.test(w));
    if (words.length === 0) continue;
    return words.reduce((best, w) => (w.length > best.length ? w : best)).toLowerCase();
  }
  return null;
}

/** The requests the demo prints, in the order a reviewer would try them. */
export function demoRequests(input: DemoRequestInput): DemoRequest[] {
  const id = encodeURIComponent(input.messageId);
  const session = encodeURIComponent(input.sessionId);
  const search: DemoRequest = input.searchTerm
    ? {
        title: `Search every version of every message: "${input.searchTerm}" in messages deleted in Zoom, still archived`,
        role: 'compliance_officer',
        method: 'GET',
        path: '/api/v1/messages/search',
        query: { q: input.searchTerm, deleted: 'true', limit: '3' },
      }
    : {
        title: 'Search: the newest archived messages',
        role: 'compliance_officer',
        method: 'GET',
        path: '/api/v1/messages/search',
        query: { limit: '3' },
      };
  const exportId = input.exportId && encodeURIComponent(input.exportId);
  const exported: DemoRequest[] = exportId
    ? [
        {
          title: 'The export the demo made: status, files, rows and SHA-256 of each',
          role: 'auditor',
          method: 'GET',
          path: `/api/v1/exports/${exportId}`,
        },
        {
          title: "Download it: a zip of messages.csv and manifest.json (Repr-Digest carries the zip's SHA-256)",
          role: 'auditor',
          method: 'GET',
          path: `/api/v1/exports/${exportId}/download`,
          outputFile: 'demo-export.zip',
        },
      ]
    : [];
  return [
    search,
    {
      title: 'One message and its whole history: every version with its time and SHA-256',
      role: 'compliance_officer',
      method: 'GET',
      path: `/api/v1/messages/${id}`,
    },
    {
      title: "The message's conversation as a transcript, oldest first",
      role: 'compliance_officer',
      method: 'GET',
      path: `/api/v1/sessions/${session}/messages`,
      query: { limit: '5' },
    },
    {
      title: 'Export the messages deleted in Zoom as CSV; the worker renders it (poll GET /api/v1/exports/{id})',
      role: 'compliance_officer',
      method: 'POST',
      path: '/api/v1/exports',
      body: DEMO_EXPORT_BODY,
    },
    ...exported,
    {
      title: "Coverage: what is archived, what is behind, and Zoom's six-month horizon",
      role: 'auditor',
      method: 'GET',
      path: '/api/v1/sync/status',
    },
    {
      title: 'The audit log: each request above is in it, with who asked what',
      role: 'auditor',
      method: 'GET',
      path: '/api/v1/audit-log',
      query: { limit: '20' },
    },
    {
      title: "Verify the audit log's hash chain",
      role: 'auditor',
      method: 'GET',
      path: '/api/v1/audit-log/verify',
    },
    {
      title: 'The audit trail as a CSV report, each entry with its hashes and whether it verifies',
      role: 'auditor',
      method: 'GET',
      path: '/api/v1/reports/audit-log.csv',
      outputFile: 'audit-log.csv',
    },
    {
      title: 'API keys (admins manage them)',
      role: 'admin',
      method: 'GET',
      path: '/api/v1/api-keys',
    },
  ];
}

/** Single-quoted for POSIX shells: nothing inside is expanded. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The request as a curl command that works pasted into a POSIX shell. */
export function curlCommand(apiUrl: string, token: string, request: DemoRequest): string {
  const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
  const parts = ['curl -sS'];
  if (request.method !== 'GET') parts.push(`-X ${request.method}`);
  parts.push(`-H ${shellQuote(`Authorization: Bearer ${token}`)}`);
  if (request.body !== undefined) {
    parts.push(`-H 'Content-Type: application/json'`, `-d ${shellQuote(JSON.stringify(request.body))}`);
  }
  if (request.outputFile) parts.push(`-o ${shellQuote(request.outputFile)}`);
  parts.push(shellQuote(`${apiUrl}${request.path}${query}`));
  return parts.join(' ');
}
