import { ConfigError } from '#libs/sync';

/**
 * Where the demo keeps its data unless told otherwise: a database, Redis prefix and files directory of its own,
 * so emulated data never lands in an archive that holds real messages.
 */
export const DEMO_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/zoom_archive_demo',
  QUEUE_PREFIX: 'zca-demo',
  ARCHIVE_FILES_DIR: './var/demo/files',
  EXPORT_DIR: './var/demo/exports',
  DEMO_LOG_DIR: './var/demo/logs',
} as const;

export type DemoProcessName = 'emulator' | 'worker' | 'api';

export interface DemoListener {
  readonly process: DemoProcessName;
  /** The variable that sets the port, named in messages. */
  readonly variable: string;
  readonly host: string;
  readonly port: number;
  /** How a client on this machine reaches it (a wildcard bind is reached on the loopback). */
  readonly url: string;
}

export interface DemoSettings {
  /** The environment of every child process (and of the demo's own database and queue connections). */
  readonly env: NodeJS.ProcessEnv;
  readonly emulator: DemoListener;
  readonly worker: DemoListener;
  readonly api: DemoListener;
  readonly logDir: string;
}

function port(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 65_535) {
    throw new ConfigError(`${variable} must be a port from 1 to 65535, got "${raw}"`);
  }
  return value;
}

function listener(
  env: NodeJS.ProcessEnv,
  process: DemoProcessName,
  prefix: 'EMULATOR' | 'WORKER' | 'API',
  fallback: number,
): DemoListener {
  const variable = `${prefix}_PORT`;
  const host = env[`${prefix}_HOST`] || '127.0.0.1';
  const value = port(env, variable, fallback);
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return { process, variable, host, port: value, url: `http://${reachable}:${value}` };
}

/**
 * The demo's settings from the operator's environment: the same variables as the processes it starts, the
 * demo's own defaults for where data goes, and the sync pointed at the emulator it starts whatever ZOOM_*
 * says (the demo never talks to the real Zoom).
 */
export function demoSettings(env: NodeJS.ProcessEnv): DemoSettings {
  const emulator = listener(env, 'emulator', 'EMULATOR', 9090);
  const worker = listener(env, 'worker', 'WORKER', 3001);
  const api = listener(env, 'api', 'API', 3000);
  const base: NodeJS.ProcessEnv = { ...env };
  for (const [name, value] of Object.entries(DEMO_DEFAULTS)) if (!base[name]) base[name] = value;
  const zoomUrl = env.EMULATOR_PUBLIC_URL?.replace(/\/$/, '') || emulator.url;
  return {
    env: {
      ...base,
      EMULATOR_PORT: String(emulator.port),
      WORKER_PORT: String(worker.port),
      API_PORT: String(api.port),
      ZOOM_API_URL: `${zoomUrl}/v2`,
      ZOOM_OAUTH_URL: `${zoomUrl}/oauth/token`,
      // Empty means "same as ZOOM_API_URL": a real Zoom file host left in the environment must not apply.
      ZOOM_FILE_API_URL: '',
      ZOOM_ACCOUNT_ID: env.EMULATOR_ACCOUNT_ID || 'demo-account',
      ZOOM_CLIENT_ID: env.EMULATOR_CLIENT_ID || 'demo-client',
      ZOOM_CLIENT_SECRET: env.EMULATOR_CLIENT_SECRET || 'demo-secret',
      ZOOM_PLAN: env.EMULATOR_PLAN || 'business',
    },
    emulator,
    worker,
    api,
    logDir: base.DEMO_LOG_DIR!,
  };
}
