import { ConfigError } from '#libs/sync';
import { DEMO_DEFAULTS, demoSettings } from './demo-settings.util.js';

describe('demoSettings', () => {
  it('keeps demo data apart by default and points the sync at its own emulator', () => {
    const s = demoSettings({ ZOOM_API_URL: 'https://api.zoom.us/v2', ZOOM_FILE_API_URL: 'https://file.zoom.us/v2' });
    expect(s.env).toMatchObject({
      DATABASE_URL: DEMO_DEFAULTS.DATABASE_URL,
      QUEUE_PREFIX: 'zca-demo',
      ARCHIVE_FILES_DIR: './var/demo/files',
      ZOOM_API_URL: 'http://127.0.0.1:9090/v2',
      ZOOM_OAUTH_URL: 'http://127.0.0.1:9090/oauth/token',
      ZOOM_FILE_API_URL: '',
      ZOOM_ACCOUNT_ID: 'demo-account',
      ZOOM_CLIENT_ID: 'demo-client',
      ZOOM_CLIENT_SECRET: 'demo-secret',
    });
    expect([s.emulator.url, s.worker.url, s.api.url]).toEqual([
      'http://127.0.0.1:9090',
      'http://127.0.0.1:3001',
      'http://127.0.0.1:3000',
    ]);
    expect(s.logDir).toBe('./var/demo/logs');
  });

  it('honours the operator’s settings, the emulator’s credentials and a wildcard bind', () => {
    const s = demoSettings({
      DATABASE_URL: 'postgres://me@db:5432/scratch',
      API_PORT: '4000',
      API_HOST: '0.0.0.0',
      EMULATOR_PORT: '9999',
      EMULATOR_CLIENT_ID: 'other',
      EMULATOR_PLAN: 'pro',
    });
    expect(s.env).toMatchObject({
      DATABASE_URL: 'postgres://me@db:5432/scratch',
      API_PORT: '4000',
      ZOOM_API_URL: 'http://127.0.0.1:9999/v2',
      ZOOM_CLIENT_ID: 'other',
      ZOOM_PLAN: 'pro',
    });
    expect(s.api).toMatchObject({ host: '0.0.0.0', port: 4000, url: 'http://127.0.0.1:4000' });
  });

  it('rejects a port it could not print a URL for, naming the variable', () => {
    expect(() => demoSettings({ WORKER_PORT: '0' })).toThrow(ConfigError);
    expect(() => demoSettings({ WORKER_PORT: 'http' })).toThrow(
      'WORKER_PORT must be a port from 1 to 65535, got "http"',
    );
  });
});
