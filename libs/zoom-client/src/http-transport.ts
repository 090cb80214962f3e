import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import type { HttpMethod } from '#libs/zoom-contract';
import got, { type Got, type Response } from 'got';
import type { HttpResult } from './response-classifier.js';

export type QueryValue = string | number | boolean | undefined;

export interface HttpExchange {
  readonly method: HttpMethod;
  readonly url: string;
  readonly bearer: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly json?: unknown;
  readonly form?: FormData;
}

/** One attempt's outcome: a response of any status, or the network error code when none came. */
export type ExchangeResult =
  { readonly ok: true; readonly res: HttpResult } | { readonly ok: false; readonly code: string };

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Got with keep-alive, no retries of its own (attempts are counted and paced by the caller) and no redirects. */
export class HttpTransport {
  private readonly agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
  };
  private readonly got: Got;

  constructor(private readonly timeoutMs: number) {
    this.got = got.extend({
      agent: this.agents,
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
      headers: { 'user-agent': 'zoom-chat-archive' },
    });
  }

  /**
   * Zoom's file host redirects uploads across hosts and requires the Authorization header to survive
   * (REFERENCE.md §1.1); got drops it on cross-origin redirects, so redirects are followed here, re-sending
   * method, body and token to the Location as given.
   */
  async exchange(request: HttpExchange): Promise<ExchangeResult> {
    let url = withQuery(request.url, request.query);
    try {
      for (let hop = 0; ; hop++) {
        const res = await this.once(request, url);
        const next = hop < MAX_REDIRECTS && REDIRECTS.has(res.statusCode) ? redirectTarget(url, res) : undefined;
        if (!next) return { ok: true, res: { status: res.statusCode, headers: res.headers, text: res.body } };
        url = next;
      }
    } catch (error) {
      return { ok: false, code: networkCode(error) };
    }
  }

  private once(request: HttpExchange, url: string): Promise<Response<string>> {
    return this.got(url, {
      method: request.method,
      headers: { authorization: `Bearer ${request.bearer}` },
      json: request.json,
      body: request.form,
      responseType: 'text',
      timeout: { request: this.timeoutMs },
    });
  }

  /** POST with Basic auth and a JSON answer, for the OAuth token endpoint. */
  async postBasic(url: string, query: Record<string, string>, basic: string): Promise<ExchangeResult> {
    try {
      const res = await this.got.post(url, {
        searchParams: query,
        headers: { authorization: `Basic ${basic}` },
        responseType: 'text',
        timeout: { request: this.timeoutMs },
      });
      return { ok: true, res: { status: res.statusCode, headers: res.headers, text: res.body } };
    } catch (error) {
      return { ok: false, code: networkCode(error) };
    }
  }

  /**
   * A GET whose body is streamed. Redirects are followed by got here: download links lead to storage
   * hosts that authorise by the signed URL, where a forwarded token is at best useless.
   */
  async openStream(
    url: string,
    bearer: string,
  ): Promise<{ status: number; headers: HttpResult['headers']; body: Readable } | { code: string }> {
    const stream = this.got.stream(url, {
      headers: { authorization: `Bearer ${bearer}` },
      followRedirect: true,
      // The whole transfer may take long; what is bounded is the wait for the response and for each chunk.
      timeout: { response: this.timeoutMs, socket: this.timeoutMs },
    });
    return new Promise((resolve) => {
      // Stays attached: an error between the response and the caller's own listener must not go unhandled.
      stream.on('error', (error: unknown) => resolve({ code: networkCode(error) }));
      stream.once('response', (res: Response) =>
        resolve({ status: res.statusCode, headers: res.headers, body: stream }),
      );
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

function withQuery(base: string, query: HttpExchange['query']): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/**
 * Where a redirect leads, or undefined to stop there. Never from https down to http: the bearer token
 * would cross the network in clear text, so that redirect is answered as the response it is.
 */
function redirectTarget(from: string, res: Response<string>): string | undefined {
  const location = res.headers.location;
  if (!location) return undefined;
  const target = new URL(location, from);
  const downgrade = new URL(from).protocol === 'https:' && target.protocol !== 'https:';
  return downgrade ? undefined : target.toString();
}

function networkCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EUNKNOWN';
}
