import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisOptions } from '#libs/sync';
import { endpointByOperationId } from '#libs/zoom-contract';
import { RatePausedError, RedisRateGate } from '../src/rate/redis-rate-gate.js';
import { REDIS_URL } from './worker.harness.js';

const MEDIUM = endpointByOperationId('reportChatMessages');

/** The budget gate on the real Redis, under a key prefix of its own. */
describe('RedisRateGate', () => {
  const prefix = `zcatest-gate-${randomBytes(4).toString('hex')}`;
  let redis: Redis;
  let account = 0;

  const gate = (budget = 0.1) =>
    new RedisRateGate(redis, {
      accountId: `acct-${++account}`,
      plan: 'business',
      budget,
      prefix,
      maxInlineWaitMs: 5_000,
    });
  const redisNow = async () => {
    const [s, us] = await redis.time();
    return Number(s) * 1000 + Math.floor(Number(us) / 1000);
  };

  beforeAll(() => {
    redis = new Redis(redisOptions(REDIS_URL));
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it("admits the budget's share of the plan's limit per window: 10 % of Business Medium is 6 a second", () => {
    const g = gate();
    expect(g.limit('Medium')).toBe(6);
    expect(g.windowMs('Medium')).toBe(1000);
    expect(g.limit('Heavy')).toBe(4);
  });

  it('counts Resource-intensive per minute, as Zoom does: 80 % of Business is 16 a minute', () => {
    const g = gate(0.8);
    expect(g.limit('Resource-intensive')).toBe(16);
    expect(g.windowMs('Resource-intensive')).toBe(60_000);
  });

  it('frees a slot exactly one window after its call was answered, not before', async () => {
    const g = gate();
    const releases = [];
    for (let i = 0; i < 6; i++) releases.push(await g.acquire(MEDIUM));
    // All six answered now: the seventh call waits for the first of them to be a full second old.
    const answeredAt = await redisNow();
    for (const release of releases) await release();
    const seventh = await g.acquire(MEDIUM);
    const admittedAt = await redisNow();
    expect(admittedAt - answeredAt).toBeGreaterThanOrEqual(1000);
    expect(admittedAt - answeredAt).toBeLessThan(1400);
    await seventh();
  });

  it('keeps a slot while its call is unanswered, however long (up to the hold)', async () => {
    const g = gate();
    for (let i = 0; i < 6; i++) await g.acquire(MEDIUM); // never released: answers not in yet
    const started = await redisNow();
    const waiting = g.acquire(MEDIUM).then(async () => (await redisNow()) - started);
    // Held calls free their slots only after the hold and a window: past the 5 s inline wait here.
    await expect(waiting).resolves.toBeGreaterThanOrEqual(RedisRateGate.HOLD_MS + 1000 - 50);
  }, 15_000);

  it('shares one budget between gates of several processes on the same account', async () => {
    const a = gate();
    const b = new RedisRateGate(redis, { accountId: `acct-${account}`, plan: 'business', budget: 0.1, prefix });
    const releases = [];
    for (let i = 0; i < 3; i++) releases.push(await a.acquire(MEDIUM), await b.acquire(MEDIUM));
    const start = await redisNow();
    await Promise.all(releases.map((r) => r()));
    await b.acquire(MEDIUM);
    expect((await redisNow()) - start).toBeGreaterThanOrEqual(1000);
  });

  it('holds every caller during a pause, and refuses to sleep through a long one in process', async () => {
    const g = gate();
    await g.pauseFor('Medium', 60_000);
    await expect(g.acquire(MEDIUM)).rejects.toBeInstanceOf(RatePausedError);
  });
});
