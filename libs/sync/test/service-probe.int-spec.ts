import { ServiceUnavailableError, probePostgres, probeRedis, probeServices } from '#libs/sync';
import { databaseUrl } from '../../archive/test/test-database.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function failure(probe: Promise<void>): Promise<ServiceUnavailableError> {
  const error = await probe.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceUnavailableError);
  return error as ServiceUnavailableError;
}

describe('service probes', () => {
  it('pass on the running servers', async () => {
    await expect(probeServices({ databaseUrl: databaseUrl('postgres'), redisUrl: REDIS_URL })).resolves.toBeUndefined();
  });

  it('tell a server that answered and refused from one that was not reached', async () => {
    const refused = await failure(probePostgres(databaseUrl('postgres').replace('postgres@', 'zca_no_such_role@')));
    expect(refused).toMatchObject({ service: 'Postgres', address: '127.0.0.1:5432' });
    expect(refused.message).toMatch(/^Postgres at 127\.0\.0\.1:5432 refused the connection .*zca_no_such_role/);
    expect(refused.message).toContain('Check the user, password and database in DATABASE_URL.');

    // An ACL user that does not exist: Redis answers AUTH with WRONGPASS, a refusal rather than an outage.
    const url = new URL(REDIS_URL);
    url.username = 'zca_no_such_user';
    url.password = 'not-the-password';
    const redis = await failure(probeRedis(url.toString()));
    expect(redis).toMatchObject({ service: 'Redis' });
    expect(redis.message).toMatch(
      /^Redis at \S+ refused the connection \(REDIS_URL=redis:\/\/zca_no_such_user:\*\*\*@.*WRONGPASS/,
    );
    expect(redis.message).not.toContain('not-the-password');
  });

  it('accept a missing database only when asked to, since migrate and the demo create it', async () => {
    const missing = databaseUrl('zca_test_probe_missing');
    await expect(probePostgres(missing, { databaseMayBeMissing: true })).resolves.toBeUndefined();
    expect((await failure(probePostgres(missing))).message).toContain('npm run cli -- migrate');
  });

  it('give up on an unreachable server at once, naming it and how to start it', async () => {
    const started = Date.now();
    const down = await failure(probeRedis('redis://127.0.0.1:1/2'));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(down.message).toBe(
      'Redis is not reachable at 127.0.0.1:1 (REDIS_URL=redis://127.0.0.1:1/2): connect ECONNREFUSED 127.0.0.1:1.\n' +
        'Start it with `docker compose up -d postgres redis`, or set REDIS_URL to a running server.',
    );
  });
});
