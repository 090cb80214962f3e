import { type EmulatorHandle, startEmulator } from '../../../apps/zoom-emulator/test/emulator.harness.js';
import { ZoomClient, type ZoomClientOptions, ZoomRateLimitError } from '../src/index.js';
import { emulatorOptions, observer } from './emulator-client.js';

const DAY = 86_400_000;

describe('ZoomClient against the emulator: 429s', () => {
  let emu: EmulatorHandle;
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
    emu = await startEmulator({ EMULATOR_RATE_LIMITS: 'on' });
  });

  afterEach(async () => {
    await emu.control('POST', '/faults/reset');
    await emu.control('PUT', '/settings', { daily_cap: null });
    await emu.control('POST', '/stats/reset');
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await emu.close();
  });

  it('sits out a short QPS burst itself: one-second waits, then success', async () => {
    const { client, obs } = newClient();
    await client.getAccountChannels({ page_size: 1 });
    obs.events.length = 0;
    await faults({ rate_limit_burst: 2 });
    const started = Date.now();
    const page = await client.getAccountChannels({ page_size: 1 });
    const elapsed = Date.now() - started;
    expect(page.channels).toHaveLength(1);
    expect(obs.statuses()).toEqual([429, 429, 200]);
    expect(obs.events[0].rateLimit).toMatchObject({ type: 'QPS', category: 'Medium', remaining: 0 });
    // Zoom's QPS 429s carry no Retry-After; the client waits the one-second window each time.
    const waits = obs.logs.filter((l) => l.msg === 'Zoom QPS limit; waiting').map((l) => l.meta);
    expect(waits).toEqual([
      expect.objectContaining({ retryAfterMs: 1000 }),
      expect.objectContaining({ retryAfterMs: 1000 }),
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(4000);
  });

  it('surfaces a burst that outlasts the retry budget as a QPS rate-limit error with the wait', async () => {
    const { client, obs } = newClient({ retry: { limit: 1 } });
    await faults({ rate_limit_burst: 5, burst_retry_after_s: 1 });
    const error = await client.getAccountChannels().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZoomRateLimitError);
    expect(error).toMatchObject({ kind: 'QPS', retryAfterMs: 1000, attempts: 2, status: 429, code: 429 });
    expect(obs.statuses()).toEqual([429, 429]);
  });

  it('hands a long QPS Retry-After straight back instead of sleeping', async () => {
    const { client, obs } = newClient();
    await faults({ rate_limit_burst: 1, burst_retry_after_s: 30 });
    const started = Date.now();
    const error = await client.getAccountChannels().catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ constructor: ZoomRateLimitError, kind: 'QPS', retryAfterMs: 30_000, attempts: 1 });
    const resetAt = (error as ZoomRateLimitError).resetAt!.getTime();
    expect(Math.abs(resetAt - (Date.now() + 30_000))).toBeLessThan(1500);
    expect(obs.statuses()).toEqual([429]);
  });

  it('throws a Daily-limit error at once, waiting until the next UTC midnight', async () => {
    // The client measures Zoom's ISO Retry-After against the response's Date header, which the emulator
    // stamps from the real clock; its own clock (which sets Retry-After) is brought level with it.
    await emu.control('PUT', '/clock', { now: new Date().toISOString() });
    await emu.control('POST', '/stats/reset');
    await emu.control('PUT', '/settings', { daily_cap: 1 });
    const alice = emu.tenant.accountUsers()[1];
    const { access_token } = await emu.userToken(alice.email);
    const { client, obs } = newClient({ userToken: () => Promise.resolve(access_token) });
    const window = { from: '2026-11-01', to: '2026-11-20' };

    await client.imChatSessions(window);
    const started = Date.now();
    const error = await client.imChatSessions(window).catch((e: unknown) => e);
    const now = Date.now();
    expect(now - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(ZoomRateLimitError);
    const limit = error as ZoomRateLimitError;
    const midnight = Math.floor(now / DAY) * DAY + DAY;
    expect(limit).toMatchObject({ kind: 'Daily-limit', attempts: 1, operationId: 'imChatSessions' });
    expect(limit.rateLimit).toMatchObject({ category: 'Heavy', type: 'Daily-limit', limit: 1, remaining: 0 });
    expect(limit.rateLimit?.retryAfter).toBe(new Date(midnight).toISOString().replace('.000Z', 'Z'));
    expect(Math.abs(limit.retryAfterMs - (midnight - now))).toBeLessThan(2000);
    expect(Math.abs(limit.resetAt!.getTime() - midnight)).toBeLessThan(2000);
    expect(obs.statuses('imChatSessions')).toEqual([200, 429]);

    // The daily cap binds Heavy and Resource-intensive only; Medium endpoints carry on.
    expect((await client.getAccountChannels({ page_size: 1 })).channels).toHaveLength(1);
  });
});
