import { isAbsolute, relative, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { API_KEY_ROLES, type ApiKeyRole, SyncStateRepository, ensureDatabase, runMigrations } from '#libs/archive';
import { SYNC_QUEUE, type SyncConfig, loadSyncConfig, probeServices, redactUrl, redisOptions } from '#libs/sync';
import { DemoSampleRepository } from '../demo/demo-sample.repository.js';
import { type DemoSettings, demoSettings } from '../demo/demo-settings.util.js';
import { DemoSupervisor, type StartedChild } from '../demo/demo-supervisor.service.js';
import { createDemoExport } from '../demo/demo-export.client.js';
import {
  DEMO_EXPORT_BODY,
  type DemoRequestInput,
  curlCommand,
  demoRequests,
  pickSearchTerm,
} from '../demo/demo-requests.util.js';
import { assertPortsFree } from '../demo/port-check.util.js';
import { createApiKey } from './apikey.command.js';
import { createFailed, openDatabase } from './connections.js';
import { enqueueSync, waitForRun } from './sync.command.js';

const say = (line = '') => process.stdout.write(`${line}\n`);

/**
 * `npm run demo`: the whole product on the emulated Zoom — database, migrations, emulator, worker, API, a
 * first sync with its progress bar, one API key per role and requests to paste. Runs until Ctrl-C, which
 * stops every child and exits 0.
 */
export async function demoCommand(env: NodeJS.ProcessEnv): Promise<number> {
  const settings = demoSettings(env);
  const config = loadSyncConfig(settings.env);
  say('Zoom Team Chat archive — demo on an emulated Zoom tenant\n');
  // Everything that can fail for want of a server or a port is checked before anything is created or started.
  await probeServices(config, { databaseMayBeMissing: true });
  await assertPortsFree([settings.emulator, settings.worker, settings.api]);
  await prepareDatabase(config);

  const supervisor = new DemoSupervisor(settings.logDir);
  const ended = new Promise<number>((resolve) => {
    const stop = (code: number) => void supervisor.stopAll().then(() => resolve(code));
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        say(`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping the API, the worker and the emulator…`);
        stop(0);
      });
    }
    supervisor.onUnexpectedExit = (name, how, lines) => {
      process.stderr.write(`\nThe ${name} stopped unexpectedly (${how}). Its last output:\n${lines.join('\n')}\n`);
      stop(1);
    };
  });
  const done = ended.then((code) => {
    if (code === 0) say('Stopped.');
    return code;
  });
  try {
    await Promise.race([bringUp(settings, config, supervisor), done]);
  } catch (error) {
    await supervisor.stopAll();
    throw error;
  }
  return done;
}

async function prepareDatabase(config: SyncConfig): Promise<void> {
  const created = await ensureDatabase(config.databaseUrl).catch((error: unknown) => {
    throw createFailed(config.databaseUrl, error);
  });
  const db = await openDatabase(config.databaseUrl);
  try {
    const applied = await runMigrations(db);
    say(`✓ Postgres: ${redactUrl(config.databaseUrl)}${created ? ' (created)' : ''}`);
    say(`✓ Schema: ${applied.length ? `applied ${applied.length} migrations` : 'up to date'}`);
    say(`✓ Redis: ${redactUrl(config.redisUrl)}, key prefix ${config.queuePrefix}`);
  } finally {
    await db.destroy();
  }
}

async function bringUp(settings: DemoSettings, config: SyncConfig, supervisor: DemoSupervisor): Promise<void> {
  const started = (child: StartedChild, what: string) =>
    say(`✓ ${what} (pid ${child.pid}, log ${shown(child.logFile)})`);
  const profile = settings.env.EMULATOR_PROFILE || 'demo';
  started(
    await supervisor.start({
      name: 'emulator',
      script: 'dist/apps/zoom-emulator/src/main.js',
      env: settings.env,
      readyMarker: 'Zoom emulator listening',
      readyUrl: `${settings.emulator.url}/_emulator/health`,
    }),
    `Zoom emulator, ${profile} tenant: ${settings.emulator.url}`,
  );
  started(
    await supervisor.start({
      name: 'worker',
      script: 'dist/apps/worker/src/main.js',
      env: settings.env,
      readyMarker: 'Worker ready',
      readyUrl: `${settings.worker.url}/health`,
    }),
    `Worker: ${settings.worker.url}/metrics`,
  );
  started(
    await supervisor.start({
      name: 'api',
      script: 'dist/apps/api/src/main.js',
      env: settings.env,
      readyMarker: 'API ready',
      readyUrl: `${settings.api.url}/health`,
    }),
    `API: ${settings.api.url}/api/v1`,
  );

  const db = await openDatabase(config.databaseUrl);
  const queue = new Queue(SYNC_QUEUE, { connection: redisOptions(config.redisUrl), prefix: config.queuePrefix });
  try {
    say('\nFirst sync of the six-month horizon (the worker keeps syncing on SYNC_CRON afterwards):');
    const state = new SyncStateRepository(db);
    await waitForRun(state, await enqueueSync(state, queue, config.accountId, {}));
    const samples = new DemoSampleRepository(db);
    const t = await samples.totals();
    say(
      `✓ Archived: ${t.messages} messages, ${t.versions} versions (${t.edited} edited, ${t.deleted} deleted in Zoom), ${t.files} files`,
    );
    const keys = {} as Record<ApiKeyRole, string>;
    for (const role of API_KEY_ROLES) keys[role] = (await createApiKey(db, role, `demo ${role}`)).token;
    const sample = await samples.sample();
    const exportId = sample ? await makeExport(settings, keys.compliance_officer) : null;
    printGuide(settings, keys, sample && { ...sample, searchTerm: pickSearchTerm(sample.deletedTexts), exportId });
  } finally {
    await queue.close();
    await db.destroy();
  }
}

/** One export made through the API, so the printed download works at once; a failure is told, not fatal. */
async function makeExport(settings: DemoSettings, token: string): Promise<string | null> {
  try {
    const job = await createDemoExport(settings.api.url, token, DEMO_EXPORT_BODY);
    if (job.status === 'done') {
      say(`✓ Export ${job.id}: ${job.rows} deleted messages as CSV, zipped with its manifest`);
      return job.id;
    }
    say(`! The demo export ended ${job.status}${job.error ? `: ${job.error}` : ''} (see the worker's log)`);
  } catch (error) {
    say(`! The demo export could not be made: ${error instanceof Error ? error.message : String(error)}`);
  }
  return null;
}

/** A path under the working directory as typed from it; any other as it is. */
function shown(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : resolve(path);
}

function printGuide(settings: DemoSettings, keys: Record<ApiKeyRole, string>, sample: DemoRequestInput | null): void {
  say('\nAPI keys, one per role (shown once, stored hashed):');
  for (const role of API_KEY_ROLES) say(`  ${role.padEnd(19)} ${keys[role]}`);
  if (sample) {
    say('\nTry these (JSON to the terminal; downloads to files in the current directory):');
    for (const request of demoRequests(sample)) {
      say(`\n# ${request.title} (${request.role})`);
      say(curlCommand(settings.api.url, keys[request.role], request));
    }
  } else {
    say('\nThe sync archived no messages, so there is nothing to search yet.');
  }
  const env = settings.env;
  say(`\nOpenAPI docs: ${settings.api.url}/docs`);
  say(
    `Coverage from the CLI: DATABASE_URL=${redactUrl(env.DATABASE_URL!)} QUEUE_PREFIX=${env.QUEUE_PREFIX} npm run cli -- sync:status`,
  );
  say(`Emulator control plane: ${settings.emulator.url}/_emulator/info`);
  say('\nThe demo is running. Press Ctrl-C to stop it.');
}
