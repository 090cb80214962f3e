import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorHandle } from '../../../apps/zoom-emulator/test/emulator.harness.js';
import type { ZoomClientOptions, ZoomResponseEvent } from '../src/index.js';

/** Client options for a running emulator's demo app; retries are fast so fault drills stay quick. */
export function emulatorOptions(emu: EmulatorHandle, overrides: Partial<ZoomClientOptions> = {}): ZoomClientOptions {
  return {
    apiUrl: `${emu.url}/v2`,
    oauthUrl: `${emu.url}/oauth/token`,
    accountId: emu.config.accountId,
    clientId: emu.config.clientId,
    clientSecret: emu.config.clientSecret,
    timeoutMs: 10_000,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    ...overrides,
  };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Every onResponse event, and a logger that keeps its lines. */
export function observer() {
  const events: ZoomResponseEvent[] = [];
  const logs: { level: 'debug' | 'warn'; msg: string; meta?: object }[] = [];
  return {
    events,
    logs,
    onResponse: (event: ZoomResponseEvent) => events.push(event),
    logger: {
      debug: (msg: string, meta?: object) => logs.push({ level: 'debug', msg, meta }),
      warn: (msg: string, meta?: object) => logs.push({ level: 'warn', msg, meta }),
    },
    statuses: (operationId?: string) =>
      events.filter((e) => !operationId || e.operationId === operationId).map((e) => e.status),
    tokensObtained: () => logs.filter((l) => l.msg === 'Zoom access token obtained').length,
  };
}

/** How every request reached a stand-in host: method, path and whether it carried a bearer token. */
export interface Hop {
  readonly method: string;
  readonly url: string;
  readonly authorized: boolean;
}

/**
 * A stand-in for Zoom's file host, which answers uploads with a redirect to another host (REFERENCE.md
 * §1.1): every request gets a 307 to the same path on `target`.
 */
export async function redirectingHost(target: string): Promise<{ url: string; hops: Hop[]; close(): Promise<void> }> {
  const hops: Hop[] = [];
  const server: Server = createServer((req, res) => {
    hops.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorized: /^Bearer \S+/.test(req.headers.authorization ?? ''),
    });
    req.resume();
    res.writeHead(307, { location: `${target}${req.url ?? ''}` }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hops,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
