import { ConfigError } from '#libs/sync';
import { loadApiConfig } from './api-config.js';

describe('loadApiConfig', () => {
  it('has defaults for everything', () => {
    expect(loadApiConfig({})).toMatchObject({
      apiPort: 3000,
      apiHost: '127.0.0.1',
      logLevel: 'info',
      trustProxyHops: 0,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/zoom_archive',
      queuePrefix: 'zca',
    });
  });

  it.each([
    [{ API_PORT: 'http' }, 'API_PORT'],
    [{ API_PORT: '70000' }, 'API_PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ API_BODY_LIMIT_BYTES: '1.5' }, 'API_BODY_LIMIT_BYTES'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
  ])('names the variable that is wrong: %j', (env, name) => {
    expect(() => loadApiConfig(env)).toThrow(ConfigError);
    expect(() => loadApiConfig(env)).toThrow(name);
  });
});
