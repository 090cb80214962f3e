import { validateZoomResponse } from '../../../test/support/openapi-validator.js';
import { type EmulatorHandle, TEST_NOW, startEmulator } from './emulator.harness.js';

const REPORT = '/v2/report/chat/sessions';
const WINDOW = { from: '2026-11-01', to: '2026-11-20' };

describe('OAuth', () => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startEmulator({ EMULATOR_TOKEN_TTL: '120' });
  });
  afterAll(() => emu.close());

  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

  it('issues account tokens for valid client credentials, in the query or a form body', async () => {
    const query = await emu.request('POST', '/oauth/token', {
      query: { grant_type: 'account_credentials', account_id: emu.config.accountId },
      headers: { Authorization: basic('demo-client', 'demo-secret') },
    });
    expect(query.status).toBe(200);
    expect(query.body).toMatchObject({
      token_type: 'bearer',
      expires_in: 120,
      scope: expect.stringContaining('report_chat:read:admin'),
    });
    const form = await fetch(`${emu.url}/oauth/token`, {
      method: 'POST',
      headers: {
        Authorization: basic('demo-client', 'demo-secret'),
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: `grant_type=account_credentials&account_id=${emu.config.accountId}`,
    });
    expect(form.status).toBe(200);
  });

  it.each([
    ['wrong secret', basic('demo-client', 'nope'), 'account_credentials', 'demo-account', 'invalid_client'],
    ['no credentials', '', 'account_credentials', 'demo-account', 'invalid_client'],
    ['unknown grant', basic('demo-client', 'demo-secret'), 'password', 'demo-account', 'unsupported_grant_type'],
    ['wrong account', basic('demo-client', 'demo-secret'), 'account_credentials', 'other', 'invalid_request'],
  ])('refuses a token request with %s', async (_name, authorization, grant, account, error) => {
    const res = await emu.request('POST', '/oauth/token', {
      query: { grant_type: grant, account_id: account },
      headers: authorization ? { Authorization: authorization } : {},
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe(error);
  });

  it('answers 401 / 124 for missing, unknown, expired and revoked tokens', async () => {
    const none = await emu.get(REPORT, { query: WINDOW });
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ code: 124, message: 'Invalid access token.' });
    const unknown = await emu.get(REPORT, { token: 'eyJnope', query: WINDOW });
    expect(unknown.body.code).toBe(124);

    const token = await emu.accountToken();
    expect((await emu.get(REPORT, { token, query: WINDOW })).status).toBe(200);
    await emu.control('PUT', '/clock', { advance_ms: 121_000 });
    const expired = await emu.get(REPORT, { token, query: WINDOW });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ code: 124, message: 'Access token is expired.' });
    await emu.control('PUT', '/clock', { now: TEST_NOW });

    const fresh = await emu.accountToken();
    expect((await emu.control('POST', '/tokens/revoke')).body.revoked).toBeGreaterThan(0);
    expect((await emu.get(REPORT, { token: fresh, query: WINDOW })).status).toBe(401);
  });

  it('runs the authorization-code flow, then refreshes with a rotating refresh token', async () => {
    const user = emu.tenant.accountUsers()[3];
    const { access_token, refresh_token } = await emu.userToken(user.email);
    const contact = await emu.get(
      `/v2/chat/users/me/contacts/${encodeURIComponent(emu.tenant.accountUsers()[0].email)}`,
      {
        token: access_token,
      },
    );
    expect(contact.status).toBe(200);
    const refresh = () =>
      emu.request('POST', '/oauth/token', {
        query: { grant_type: 'refresh_token', refresh_token },
        headers: { Authorization: basic(emu.config.userClientId, emu.config.userClientSecret) },
      });
    const refreshed = await refresh();
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(refresh_token);
    expect((await refresh()).status).toBe(400);
  });

  it('refuses user-managed-only endpoints and missing scopes with 400 / 4711', async () => {
    const token = await emu.accountToken();
    const userOnly = await emu.get('/v2/chat/users/me/contacts', { token });
    expect(userOnly.status).toBe(400);
    expect(userOnly.body.code).toBe(4711);
    expect(userOnly.body.message).toContain('chat_contact:read');

    await emu.control('POST', '/apps', {
      client_id: 'narrow',
      client_secret: 's',
      type: 'account',
      scopes: ['contact:read:admin'],
    });
    const narrow = await emu.accountToken('narrow', 's');
    const denied = await emu.get(REPORT, { token: narrow, query: WINDOW });
    expect(denied.status).toBe(400);
    expect(denied.body).toEqual({
      code: 4711,
      message:
        'Invalid access token, does not contain scopes:[report_chat:read:admin, imchat:read:admin, report:read:list_chat_sessions:admin].',
    });
    expect((await emu.get('/v2/contacts', { token: narrow, query: { search_key: 'a' } })).status).toBe(200);
  });
});

describe('rate limits', () => {
  let emu: EmulatorHandle;
  let token: string;
  beforeAll(async () => {
    emu = await startEmulator({ EMULATOR_RATE_LIMITS: 'on', EMULATOR_PLAN: 'pro' });
    token = await emu.accountToken();
  });
  afterAll(() => emu.close());

  it('admits at most the per-second limit of a label and answers the rest 429 with Zoom headers', async () => {
    await emu.control('POST', '/stats/reset');
    // Pro: Medium is 20 requests per second, per account.
    const results = await Promise.all(Array.from({ length: 60 }, () => emu.get(REPORT, { token, query: WINDOW })));
    const ok = results.filter((r) => r.status === 200);
    const limited = results.filter((r) => r.status === 429);
    expect(ok.length).toBeGreaterThanOrEqual(20);
    expect(ok.length).toBeLessThanOrEqual(40); // the burst may straddle two one-second windows
    expect(limited.length).toBe(60 - ok.length);
    expect(ok[0].headers.get('x-ratelimit-category')).toBe('Medium');
    expect(ok[0].headers.get('x-ratelimit-limit')).toBe('20');
    const r = limited[0];
    expect(r.body).toEqual({
      code: 429,
      message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
    });
    expect(r.headers.get('x-ratelimit-type')).toBe('QPS');
    expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(validateZoomResponse('reportChatSessions', 429, r.body)).toEqual([]);
    const stats = (await emu.control('GET', '/stats')).body;
    expect(stats.labels.Medium).toMatchObject({ requests: 60, admitted: ok.length, http_429: limited.length });
    expect(stats.labels.Medium.max_per_second).toBeLessThanOrEqual(20);
  });

  it('caps Heavy and Resource-intensive together per day and says when to retry with an ISO Retry-After', async () => {
    await emu.control('POST', '/stats/reset'); // also clears the windows the previous burst filled
    await emu.control('PUT', '/settings', { daily_cap: 3 });
    const user = await emu.userToken(emu.tenant.accountUsers()[1].email);
    const responses = [];
    for (let i = 0; i < 5; i++) {
      responses.push(await emu.get('/v2/im/chat/sessions', { token: user.access_token, query: WINDOW }));
      await new Promise((resolve) => setTimeout(resolve, 110)); // stay under Heavy's 10/s
    }
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    const last = responses[4];
    expect(last.headers.get('x-ratelimit-type')).toBe('Daily-limit');
    expect(last.headers.get('retry-after')).toBe('2026-11-21T00:00:00Z');
    expect(last.body.message).toContain('daily rate limit');
    // Medium endpoints are not capped per day.
    expect((await emu.get(REPORT, { token, query: WINDOW })).status).toBe(200);
    await emu.control('PUT', '/settings', { daily_cap: null });
  });

  it('can be scaled and switched off for benchmarks', async () => {
    await emu.control('PUT', '/settings', { rate_scale: 0 });
    const results = await Promise.all(Array.from({ length: 80 }, () => emu.get(REPORT, { token, query: WINDOW })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    await emu.control('PUT', '/settings', { rate_scale: 0.5 });
    const ok = await emu.get(REPORT, { token, query: WINDOW });
    expect(ok.headers.get('x-ratelimit-limit')).toBe('10');
    await emu.control('PUT', '/settings', { rate_scale: 1 });
  });
});

describe('fault drills and page-token lifetime', () => {
  let emu: EmulatorHandle;
  let token: string;
  beforeAll(async () => {
    emu = await startEmulator();
    token = await emu.accountToken();
  });
  afterAll(() => emu.close());
  afterEach(() => emu.control('POST', '/faults/reset'));

  it('injects 5xx at the configured rate', async () => {
    await emu.control('PUT', '/faults', { error_rate: 0.5 });
    const results = await Promise.all(Array.from({ length: 200 }, () => emu.get(REPORT, { token, query: WINDOW })));
    const failed = results.filter((r) => r.status >= 500).length;
    expect(failed).toBeGreaterThan(60);
    expect(failed).toBeLessThan(140);
    expect(results.filter((r) => r.status !== 200 && r.status < 500)).toEqual([]);
  });

  it('answers a burst of 429s, optionally with Retry-After seconds', async () => {
    await emu.control('PUT', '/faults', { rate_limit_burst: 3, burst_retry_after_s: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await emu.get(REPORT, { token, query: WINDOW });
      statuses.push(r.status);
      if (r.status === 429) expect(r.headers.get('retry-after')).toBe('2');
    }
    expect(statuses).toEqual([429, 429, 429, 200, 200]);
  });

  it('adds latency', async () => {
    await emu.control('PUT', '/faults', { latency_ms: 300 });
    const started = Date.now();
    await emu.get(REPORT, { token, query: WINDOW });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('revokes every token periodically', async () => {
    await emu.control('PUT', '/faults', { revoke_tokens_every_ms: 200 });
    const before = await emu.accountToken();
    expect((await emu.get(REPORT, { token: before, query: WINDOW })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await emu.get(REPORT, { token: before, query: WINDOW })).status).toBe(401);
    expect((await emu.control('GET', '/faults')).body.injected.revocations).toBeGreaterThan(0);
    token = await emu.accountToken();
  });

  it('expires page tokens after the configured lifetime', async () => {
    await emu.control('PUT', '/settings', { page_token_ttl_s: 1 });
    const first = await emu.get(REPORT, { token, query: { ...WINDOW, page_size: 1 } });
    const next = first.body.next_page_token;
    expect((await emu.get(REPORT, { token, query: { ...WINDOW, page_size: 1, next_page_token: next } })).status).toBe(
      200,
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await emu.get(REPORT, { token, query: { ...WINDOW, page_size: 1, next_page_token: next } });
    expect(expired.status).toBe(400);
    expect(expired.body).toEqual({ code: 300, message: 'The next page token is either invalid or has expired.' });
    await emu.control('PUT', '/settings', { page_token_ttl_s: 900 });
  });

  it('rejects bad control input with 400', async () => {
    expect((await emu.control('PUT', '/faults', { error_rate: 2 })).status).toBe(400);
    expect((await emu.control('PUT', '/clock', { now: 'yesterday' })).status).toBe(400);
    expect((await emu.control('PUT', '/settings', { plan: 'free' })).status).toBe(400);
  });
});

describe('determinism', () => {
  it('generates the same tenant from the same seed and another from another seed', async () => {
    const summary = async (seed: string) => {
      const emu = await startEmulator({ EMULATOR_SEED: seed });
      try {
        const res = await emu.get('/_emulator/ground-truth/messages', {
          query: { from: '2026-11-01', to: '2026-11-20' },
        });
        return res.text;
      } finally {
        await emu.close();
      }
    };
    const [a, b, c] = await Promise.all([summary('7'), summary('7'), summary('8')]);
    expect(a.length).toBeGreaterThan(1000);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
