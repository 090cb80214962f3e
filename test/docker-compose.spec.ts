import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SETTINGS_TABLES, type SettingsProcess } from '../scripts/settings-docs/settings.catalogue.js';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

/** No Docker engine runs here: the file is checked by reading it, against the code and the image. */
const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const dockerfile = readFileSync('Dockerfile', 'utf8');
const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
const settings = new Map(SETTINGS_TABLES.flatMap((t) => t.settings).map((s) => [s.name, s]));

const PROCESS_OF: Record<string, SettingsProcess> = {
  'dist/apps/api/src/main.js': 'api',
  'dist/apps/worker/src/main.js': 'worker',
  'dist/apps/cli/src/main.js': 'cli',
  'dist/apps/zoom-emulator/src/main.js': 'emulator',
};
const built = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);
const env = (name: string) => compose.services[name].environment ?? {};

describe('docker-compose.yml', () => {
  it('runs the whole stack: the two servers, the emulator, migrations, the worker and the API', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['api', 'migrate', 'postgres', 'redis', 'worker', 'zoom-emulator'].sort(),
    );
  });

  it.each(built)('%s runs a built entry point that package.json also runs', (_name, service) => {
    const [node, script, ...args] = service.command!;
    expect(node).toBe('node');
    expect(PROCESS_OF[script]).toBeDefined();
    expect(existsSync(script.replace(/^dist\//, '').replace(/\.js$/, '.ts'))).toBe(true);
    const command = ['node', script, ...args].join(' ');
    expect(Object.values(scripts).some((s) => command === s || command.startsWith(`${s} `))).toBe(true);
  });

  it.each(built)('%s sets only variables its process reads', (_name, service) => {
    const process = PROCESS_OF[service.command![1]];
    const wrong = Object.keys(service.environment ?? {}).filter(
      (name) => !settings.get(name)?.usedBy.includes(process),
    );
    expect(wrong).toEqual([]);
  });

  it('publishes and health-checks each process on the port it is told to use', () => {
    for (const [name, variable, path] of [
      ['api', 'API_PORT', '/health'],
      ['worker', 'WORKER_PORT', '/health'],
      ['zoom-emulator', 'EMULATOR_PORT', '/_emulator/health'],
    ]) {
      const port = env(name)[variable];
      expect(compose.services[name].ports).toEqual([`127.0.0.1:${port}:${port}`]);
      expect(compose.services[name].healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${port}${path}`);
      expect(env(name)[variable.replace('PORT', 'HOST')]).toBe('0.0.0.0');
    }
  });

  it('points every process at the same database, Redis and emulator, as the services are named', () => {
    const database = new URL(env('migrate').DATABASE_URL);
    expect(database.hostname).toBe('postgres');
    expect(database.pathname.slice(1)).toBe(compose.services.postgres.environment!.POSTGRES_DB);
    for (const name of ['worker', 'api']) {
      expect(env(name).DATABASE_URL).toBe(env('migrate').DATABASE_URL);
      expect(new URL(env(name).REDIS_URL).hostname).toBe('redis');
    }
    const emulator = `http://zoom-emulator:${env('zoom-emulator').EMULATOR_PORT}`;
    expect(env('zoom-emulator').EMULATOR_PUBLIC_URL).toBe(emulator);
    expect(env('worker')).toMatchObject({ ZOOM_API_URL: `${emulator}/v2`, ZOOM_OAUTH_URL: `${emulator}/oauth/token` });
    expect(env('worker').ZOOM_ACCOUNT_ID).toBe('demo-account');
  });

  it('shares the file store and the export store between the worker and the API, on directories the image owns', () => {
    for (const variable of ['ARCHIVE_FILES_DIR', 'EXPORT_DIR']) {
      const dir = env('worker')[variable];
      expect(env('api')[variable]).toBe(dir);
      const mounts = (name: string) => compose.services[name].volumes!.filter((v) => v.endsWith(`:${dir}`));
      expect(mounts('worker')).toHaveLength(1);
      expect(mounts('api')).toEqual(mounts('worker'));
      expect(compose.volumes).toHaveProperty(mounts('worker')[0].split(':')[0]);
      // A named volume takes the ownership of the image's directory; one the image lacks would be root's.
      expect(dockerfile).toMatch(new RegExp(`mkdir -p [^\\n]*${dir}[\\s\\n]`));
      expect(dockerfile).toMatch(new RegExp(`chown node:node [^\\n]*${dir}`));
    }
  });

  it('starts the worker and the API only after the migrations, and every dependency exists', () => {
    for (const name of ['worker', 'api']) {
      expect(compose.services[name].depends_on!.migrate).toEqual({ condition: 'service_completed_successfully' });
    }
    for (const service of Object.values(compose.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {}))
        expect(compose.services).toHaveProperty(dependency);
    }
  });
});
