import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { type EmulatorHandle, TEST_NOW, startEmulator } from '../../../apps/zoom-emulator/test/emulator.harness.js';
import {
  ZoomAuthError,
  ZoomClient,
  type ZoomClientOptions,
  ZoomPageTokenExpiredError,
  ZoomPermanentError,
  ZoomRetryableError,
} from '../src/index.js';
import { collect, emulatorOptions, observer } from './emulator-client.js';

const FROM = '2026-11-01';
const TO = '2026-11-20';
const SESSIONS = { from: FROM, to: TO, page_size: 3 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('ZoomClient against the emulator: failures', () => {
  let emu: EmulatorHandle;
  let expectedSessions: string[];
  const clients: ZoomClient[] = [];

  function newClient(overrides: Partial<ZoomClientOptions> = {}) {
    const obs = observer();
    const client = new ZoomClient(
      emulatorOptions(emu, { onResponse: obs.onResponse, logger: obs.logger, ...overrides }),
    );
    clients.push(client);
    return { client, obs };
  }

  const faults = (body: object) => emu.control('PUT', '/faults', body);

  beforeAll(async () => {
    emu = await startEmulator();
    const token = await emu.accountToken();
    const pages = await emu.allPages('/v2/report/chat/sessions', { token, query: { from: FROM, to: TO } });
    expectedSessions = pages.flatMap((p) => p.sessions.map((s: { id: string }) => s.id));
    expect(expectedSessions.length).toBeGreaterThan(12);
  });

  afterEach(async () => {
    await emu.control('POST', '/faults/reset');
    await emu.control('PUT', '/settings', { page_token_ttl_s: 900 });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await emu.close();
  });

  describe('5xx and network errors', () => {
    it('retries 5xx with backoff until Zoom recovers', async () => {
      let attempts = 0;
      const { client, obs } = newClient({
        // The gate runs before each attempt: Zoom fails the first two and recovers for the third.
        rateGate: async () => {
          if (++attempts === 3) await faults({ error_rate: 0 });
        },
      });
      await faults({ error_rate: 1 });
      const page = await client.getAccountChannels({ page_size: 2 });
      expect(page.channels).toHaveLength(2);
      const statuses = obs.statuses('getAccountChannels');
      expect(statuses.slice(0, 2).every((s) => s === 500 || s === 503)).toBe(true);
      expect(statuses).toHaveLength(3);
      expect(statuses[2]).toBe(200);
      expect(obs.events.map((e) => e.attempt)).toEqual([1, 2, 3]);
    });

    it('gives up after retry.limit retries with a retryable error', async () => {
      const { client, obs } = newClient({ retry: { limit: 2, baseDelayMs: 20, maxDelayMs: 100 } });
      await client.getAccountChannels({ page_size: 1 });
      obs.events.length = 0;
      await faults({ error_rate: 1 });
      const started = Date.now();
      const error = await client.getAccountChannels({ page_size: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZoomRetryableError);
      expect(error).toMatchObject({ operationId: 'getAccountChannels', attempts: 3, code: 500 });
      expect(obs.events).toHaveLength(3);
      // Two backoffs of at least half their step: 10 ms and 20 ms.
      expect(Date.now() - started).toBeGreaterThanOrEqual(30);
    });

    it('repeats a POST only after a 503, never after a 500 that may have posted', async () => {
      const { client, obs } = newClient({ retry: { limit: 6, baseDelayMs: 1, maxDelayMs: 5 } });
      const owner = emu.tenant.owner();
      const before = emu.tenant.channelsOf(owner.idx).length;
      await faults({ error_rate: 1 });
      const error = await client.createChannel(owner.id, { name: 'never', type: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZoomRetryableError);
      const statuses = obs.statuses('createChannel');
      const last = statuses.at(-1);
      expect(statuses.slice(0, -1).every((s) => s === 503)).toBe(true);
      expect(last === 500 || statuses.length === 7).toBe(true);
      expect(emu.tenant.channelsOf(owner.idx)).toHaveLength(before);
    });

    it('retries a timed-out request and succeeds once Zoom answers in time', async () => {
      let attempts = 0;
      const { client, obs } = newClient({
        timeoutMs: 150,
        rateGate: async () => {
          if (++attempts === 2) await faults({ latency_ms: 0 });
        },
      });
      await faults({ latency_ms: 1000 });
      const page = await client.getAccountChannels({ page_size: 2 });
      expect(page.channels).toHaveLength(2);
      expect(obs.events.map((e) => [e.status, e.networkCode])).toEqual([
        [0, 'ETIMEDOUT'],
        [200, undefined],
      ]);
    });

    it('reports a refused connection after the retries as retryable, with its network code', async () => {
      const port = await closedPort();
      const { client, obs } = newClient({ apiUrl: `http://127.0.0.1:${port}/v2`, retry: { limit: 2, baseDelayMs: 1 } });
      const error = await client.getAccountChannels().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZoomRetryableError);
      expect(error).toMatchObject({ networkCode: 'ECONNREFUSED', attempts: 3, status: undefined });
      expect(obs.statuses()).toEqual([0, 0, 0]);
    });
  });

  describe('access tokens', () => {
    it('shares one token request among concurrent callers', async () => {
      const { client, obs } = newClient();
      const pages = await Promise.all(Array.from({ length: 8 }, () => client.getAccountChannels({ page_size: 1 })));
      expect(pages.every((p) => p.channels?.length === 1)).toBe(true);
      expect(obs.tokensObtained()).toBe(1);
    });

    it('survives revocations mid-iteration: one refresh per revocation, every item once', async () => {
      const { client, obs } = newClient();
      const seen: string[] = [];
      let page = 0;
      for await (const sessions of client.pages('reportChatSessions', SESSIONS)) {
        seen.push(...(sessions.sessions ?? []).map((s) => s.id!));
        if (++page === 2 || page === 4) await emu.control('POST', '/tokens/revoke');
      }
      expect(seen).toEqual(expectedSessions);
      expect(obs.statuses().filter((s) => s === 401)).toHaveLength(2);
      expect(obs.tokensObtained()).toBe(3);
    });

    it('refreshes once for many concurrent requests hit by the same revocation', async () => {
      const { client, obs } = newClient();
      await client.getAccountChannels({ page_size: 1 });
      await emu.control('POST', '/tokens/revoke');
      const pages = await Promise.all(Array.from({ length: 6 }, () => client.getAccountChannels({ page_size: 1 })));
      expect(pages).toHaveLength(6);
      expect(obs.statuses().filter((s) => s === 401)).toHaveLength(6);
      expect(obs.tokensObtained()).toBe(2);
    });

    it('refreshes a token Zoom considers expired though the cache did not', async () => {
      const { client, obs } = newClient();
      await client.getAccountChannels({ page_size: 1 });
      await emu.control('PUT', '/clock', { advance_ms: 2 * 3_600_000 });
      try {
        const page = await client.getAccountChannels({ page_size: 1 });
        expect(page.channels).toHaveLength(1);
        expect(obs.statuses()).toEqual([200, 401, 200]);
        expect(obs.tokensObtained()).toBe(2);
      } finally {
        await emu.control('PUT', '/clock', { now: TEST_NOW });
      }
    });

    it('keeps client secrets and tokens out of errors and logs', async () => {
      const secret = 'Sup3r-Secret-Value';
      const basic = Buffer.from(`${emu.config.clientId}:${secret}`).toString('base64');
      const { client, obs } = newClient({ clientSecret: secret });
      const refused = await client.getAccountChannels().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ZoomAuthError);
      expect(refused).toMatchObject({ status: 400, operationId: 'oauthToken' });
      expect((refused as Error).message).toBe(
        'Zoom OAuth token request refused: HTTP 400 invalid_client (Invalid client_id or client_secret)',
      );

      const good = newClient();
      const missing = await good.client.getChannel('nobody@example.com', 'nochannel').catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(ZoomPermanentError);
      const token = await emu.accountToken();
      for (const error of [refused, missing]) {
        const dump = [String(error), (error as Error).stack, JSON.stringify(error), inspect(error, { depth: 10 })].join(
          '\n',
        );
        expect(dump).not.toContain(secret);
        expect(dump).not.toContain(basic);
        expect(dump).not.toMatch(/Bearer|authorization|eyJ/i);
      }
      const logs = JSON.stringify([...obs.logs, ...good.obs.logs]);
      expect(logs).not.toContain(secret);
      expect(logs).not.toMatch(/eyJ/);
      expect(token).toMatch(/^eyJ/);
    });

    it('downloads with a fresh token after a revocation; a missing file is permanent', async () => {
      const { client, obs } = newClient();
      const owner = emu.tenant.owner();
      const bytes = randomBytes(10_000);
      const uploaded = await client.uploadAChatFile(owner.id, { fileName: 'a.bin', data: bytes });
      await emu.control('POST', '/tokens/revoke');
      const stream = await client.downloadFile(`${emu.url}/file/download/${uploaded.id}`);
      expect(Buffer.concat(await collect<Buffer>(stream)).equals(bytes)).toBe(true);
      expect(obs.tokensObtained()).toBe(2);

      await expect(client.downloadFile(`${emu.url}/file/download/nope`)).rejects.toMatchObject({
        constructor: ZoomPermanentError,
        operationId: 'downloadFile',
        status: 404,
        code: 5404,
      });
    });

    it('reports an unreachable token endpoint as retryable', async () => {
      const port = await closedPort();
      const { client } = newClient({
        oauthUrl: `http://127.0.0.1:${port}/oauth/token`,
        retry: { limit: 1, baseDelayMs: 1 },
      });
      await expect(client.getAccountChannels()).rejects.toMatchObject({
        constructor: ZoomRetryableError,
        operationId: 'oauthToken',
        networkCode: 'ECONNREFUSED',
        attempts: 2,
      });
    });
  });

  describe('page tokens', () => {
    it('raises ZoomPageTokenExpiredError when a token expires mid-iteration; a restart yields every item once', async () => {
      const { client } = newClient();
      await emu.control('PUT', '/settings', { page_token_ttl_s: 0.5 });
      const before: string[] = [];
      const error = await (async () => {
        for await (const page of client.pages('reportChatSessions', SESSIONS)) {
          before.push(...(page.sessions ?? []).map((s) => s.id!));
          await sleep(700);
        }
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZoomPageTokenExpiredError);
      expect(error).toMatchObject({ status: 400, code: 300, operationId: 'reportChatSessions' });
      expect(before).toEqual(expectedSessions.slice(0, 3));

      await emu.control('PUT', '/settings', { page_token_ttl_s: 900 });
      const restarted = (await collect(client.items('reportChatSessions', SESSIONS))).map((s) => s.id);
      expect(restarted).toEqual(expectedSessions);
      expect(new Set(restarted).size).toBe(restarted.length);
    });
  });
});
