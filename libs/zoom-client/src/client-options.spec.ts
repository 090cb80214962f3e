import { ZoomConfigError, resolveOptions, zoomClientOptionsFromEnv } from './client-options.js';

describe('zoomClientOptionsFromEnv', () => {
  it('defaults to the local emulator and its demo app', () => {
    expect(zoomClientOptionsFromEnv({})).toEqual({
      apiUrl: 'http://127.0.0.1:9090/v2',
      oauthUrl: 'http://127.0.0.1:9090/oauth/token',
      fileApiUrl: undefined,
      accountId: 'demo-account',
      clientId: 'demo-client',
      clientSecret: 'demo-secret',
    });
  });

  it('reads every ZOOM_* variable, trimming trailing slashes', () => {
    const options = zoomClientOptionsFromEnv({
      ZOOM_API_URL: 'https://api.zoom.us/v2/',
      ZOOM_OAUTH_URL: 'https://zoom.us/oauth/token',
      ZOOM_FILE_API_URL: 'https://file.zoom.us/v2',
      ZOOM_ACCOUNT_ID: 'AbC123',
      ZOOM_CLIENT_ID: 'cid',
      ZOOM_CLIENT_SECRET: 's3:cret',
    });
    expect(options).toMatchObject({ apiUrl: 'https://api.zoom.us/v2', fileApiUrl: 'https://file.zoom.us/v2' });
    expect(options.clientSecret).toBe('s3:cret');
  });

  it('names the malformed variable', () => {
    expect(() => zoomClientOptionsFromEnv({ ZOOM_API_URL: 'api.zoom.us' })).toThrow(/^ZOOM_API_URL/);
    expect(() => zoomClientOptionsFromEnv({ ZOOM_OAUTH_URL: 'ftp://zoom.us/oauth' })).toThrow(/^ZOOM_OAUTH_URL/);
    expect(() => zoomClientOptionsFromEnv({ ZOOM_FILE_API_URL: '::' })).toThrow(ZoomConfigError);
    expect(() => zoomClientOptionsFromEnv({ ZOOM_CLIENT_ID: 'a:b' })).toThrow(/^ZOOM_CLIENT_ID/);
  });

  it('never echoes a malformed secret', () => {
    const secret = 'pasted secret with spaces';
    let message = '';
    try {
      zoomClientOptionsFromEnv({ ZOOM_CLIENT_SECRET: secret });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^ZOOM_CLIENT_SECRET is malformed/);
    expect(message).not.toContain('pasted');
  });
});

describe('resolveOptions', () => {
  const base = {
    apiUrl: 'http://h/v2/',
    oauthUrl: 'http://h/oauth/token',
    accountId: 'a',
    clientId: 'c',
    clientSecret: 's',
  };

  it('fills the documented defaults; the file host defaults to the API host', () => {
    const resolved = resolveOptions(base);
    expect(resolved).toMatchObject({
      apiUrl: 'http://h/v2',
      fileApiUrl: 'http://h/v2',
      timeoutMs: 30_000,
      retry: { limit: 4, baseDelayMs: 250, maxDelayMs: 10_000 },
    });
  });

  it('rejects negative or zero timeouts and negative retry settings', () => {
    expect(() => resolveOptions({ ...base, timeoutMs: 0 })).toThrow('timeoutMs');
    expect(() => resolveOptions({ ...base, retry: { limit: -1 } })).toThrow('retry.limit');
  });
});
