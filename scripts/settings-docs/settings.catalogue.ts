import { loadApiConfig } from '../../apps/api/src/config/api-config.js';
import { DEMO_DEFAULTS } from '../../apps/cli/src/demo/demo-settings.util.js';
import { loadEmulatorConfig } from '../../apps/zoom-emulator/src/config/emulator-config.js';
import { loadExportConfig, loadSyncConfig } from '#libs/sync';
import { zoomClientOptionsFromEnv } from '#libs/zoom-client';

export type SettingsProcess = 'api' | 'worker' | 'cli' | 'emulator' | 'demo';

/** One environment variable as the README documents it. */
export interface Setting {
  readonly name: string;
  /** As shown: a literal in backticks, or words when the default is computed. */
  readonly default: string;
  readonly usedBy: readonly SettingsProcess[];
  readonly meaning: string;
  /** The code's own default, read from the loader with an empty environment; compared with `default`. */
  readonly codeDefault?: () => unknown;
}

export interface SettingsTable {
  /** The README marker: `<!-- settings:<id> -->` … `<!-- /settings:<id> -->`. */
  readonly id: string;
  readonly settings: readonly Setting[];
}

const sync = () => loadSyncConfig({});
const api = () => loadApiConfig({});
const emulator = () => loadEmulatorConfig({});
const zoom = () => zoomClientOptionsFromEnv({});
const exports = () => loadExportConfig({});
const ALL: SettingsProcess[] = ['worker', 'api', 'cli'];

const ARCHIVE: Setting[] = [
  {
    name: 'DATABASE_URL',
    default: '`postgres://postgres@127.0.0.1:5432/zoom_archive`',
    usedBy: ALL,
    meaning: 'The archive database (`npm run cli -- migrate` creates it if missing).',
    codeDefault: () => sync().databaseUrl,
  },
  {
    name: 'REDIS_URL',
    default: '`redis://127.0.0.1:6379`',
    usedBy: ALL,
    meaning: 'Queues and the shared rate budget (`rediss://` for TLS); losing Redis loses no archived data.',
    codeDefault: () => sync().redisUrl,
  },
  {
    name: 'QUEUE_PREFIX',
    default: '`zca`',
    usedBy: ALL,
    meaning: 'Prefix of every queue and limiter key in Redis; one per archive sharing a Redis.',
    codeDefault: () => sync().queuePrefix,
  },
  {
    name: 'ZOOM_ACCOUNT_ID',
    default: '`demo-account`',
    usedBy: ALL,
    meaning: 'The Zoom account archived (Server-to-Server OAuth app: Account ID).',
    codeDefault: () => sync().accountId,
  },
  {
    name: 'ZOOM_CLIENT_ID',
    default: '`demo-client`',
    usedBy: ['worker'],
    meaning: 'Server-to-Server OAuth app: Client ID.',
    codeDefault: () => zoom().clientId,
  },
  {
    name: 'ZOOM_CLIENT_SECRET',
    default: '`demo-secret`',
    usedBy: ['worker'],
    meaning: 'Server-to-Server OAuth app: Client Secret.',
    codeDefault: () => zoom().clientSecret,
  },
  {
    name: 'ZOOM_API_URL',
    default: '`http://127.0.0.1:9090/v2`',
    usedBy: ['worker'],
    meaning: "Zoom's REST base: the emulator by default, `https://api.zoom.us/v2` for Zoom.",
    codeDefault: () => zoom().apiUrl,
  },
  {
    name: 'ZOOM_OAUTH_URL',
    default: '`http://127.0.0.1:9090/oauth/token`',
    usedBy: ['worker'],
    meaning: 'Token endpoint: `https://zoom.us/oauth/token` for Zoom.',
    codeDefault: () => zoom().oauthUrl,
  },
  {
    name: 'ZOOM_FILE_API_URL',
    default: '`ZOOM_API_URL`',
    usedBy: ['worker'],
    meaning: 'Base of the file-host endpoints (`https://file.zoom.us/v2` for Zoom).',
  },
  {
    name: 'ZOOM_PLAN',
    default: '`business`',
    usedBy: ['worker'],
    meaning: "The account's plan, which sets Zoom's rate limits: `pro` or `business` (Business and above).",
    codeDefault: () => sync().plan,
  },
  {
    name: 'ZOOM_RATE_BUDGET',
    default: '`0.8`',
    usedBy: ['worker'],
    meaning: "Share of the plan's per-second limits the archive may use, over all workers (other apps share them).",
    codeDefault: () => sync().rateBudget,
  },
  {
    name: 'SYNC_CRON',
    default: '`0 * * * *`',
    usedBy: ['worker'],
    meaning: 'When the sync ticks (cron, UTC); one tick however many workers run.',
    codeDefault: () => sync().syncCron,
  },
  {
    name: 'SYNC_START',
    default: 'the six-month horizon',
    usedBy: ['worker'],
    meaning: 'First day to archive (`yyyy-mm-dd`) when later than the horizon.',
  },
  {
    name: 'SYNC_LOOKBACK_DAYS',
    default: '`3`',
    usedBy: ['worker'],
    meaning: 'A month window stays open (re-listed each tick) until this many days after it ends.',
    codeDefault: () => sync().lookbackDays,
  },
  {
    name: 'SYNC_CONCURRENCY',
    default: '`32`',
    usedBy: ['worker'],
    meaning:
      'Sync jobs one worker runs at once. To use the rate budget, jobs in flight must cover the budgeted calls per second × (Zoom answer time + write time); 32 covers Business (48 calls/s) at up to ~0.6 s a page. The budget is enforced whatever the setting.',
    codeDefault: () => sync().concurrency,
  },
  {
    name: 'SYNC_LOCK_MS',
    default: '`30000`',
    usedBy: ['worker'],
    meaning: "How long a job's lock lives; a killed worker's jobs return to the queue after it.",
  },
  {
    name: 'WORKER_PORT',
    default: '`3001`',
    usedBy: ['worker', 'demo'],
    meaning: 'Port of the worker’s `/metrics` and `/health`.',
    codeDefault: () => sync().port,
  },
  {
    name: 'WORKER_HOST',
    default: '`127.0.0.1`',
    usedBy: ['worker', 'demo'],
    meaning: 'Interface the worker binds (`0.0.0.0` in containers).',
  },
  {
    name: 'ARCHIVE_FILES_DIR',
    default: '`./var/files`',
    usedBy: ['worker', 'api'],
    meaning: 'Where file bytes are stored, once per SHA-256 (shared by all workers and the API).',
    codeDefault: () => sync().filesDir,
  },
  {
    name: 'ARCHIVE_FILE_MAX_BYTES',
    default: '`104857600`',
    usedBy: ['worker'],
    meaning: 'Larger files keep their metadata and a recorded warning, not their bytes.',
    codeDefault: () => sync().fileMaxBytes,
  },
];

const EXPORTS: Setting[] = [
  {
    name: 'EXPORT_DIR',
    default: '`./var/exports`',
    usedBy: ['worker', 'api'],
    meaning: 'The export store: zips are written here by workers and served from here by the API.',
    codeDefault: () => exports().exportDir,
  },
  {
    name: 'EXPORT_CONCURRENCY',
    default: '`1`',
    usedBy: ['worker'],
    meaning: 'Export jobs one worker renders at once (1 to 32).',
    codeDefault: () => exports().exportConcurrency,
  },
  {
    name: 'EXPORT_ZIP_LEVEL',
    default: '`0`',
    usedBy: ['worker'],
    meaning:
      'Deflate level of the zips, 0 (store) to 9. Stored by default: deflating made exports several times slower, and the CSV is checked by SHA-256 in the manifest either way.',
    codeDefault: () => exports().exportZipLevel,
  },
  {
    name: 'EXPORT_RETENTION_DAYS',
    default: '`30`',
    usedBy: ['worker'],
    meaning: "Days an on-demand export's zip is kept; 0 keeps it (scheduled exports use their schedule's).",
    codeDefault: () => exports().exportRetentionDays,
  },
  {
    name: 'EXPORT_SWEEP_CRON',
    default: '`*/15 * * * *`',
    usedBy: ['worker'],
    meaning: 'When expired zips are removed (cron, UTC).',
    codeDefault: () => exports().exportSweepCron,
  },
];

const API: Setting[] = [
  {
    name: 'API_PORT',
    default: '`3000`',
    usedBy: ['api', 'demo'],
    meaning: 'Port of the REST API, `/docs` and `/health`.',
    codeDefault: () => api().apiPort,
  },
  {
    name: 'API_HOST',
    default: '`127.0.0.1`',
    usedBy: ['api', 'demo'],
    meaning: 'Interface the API binds (`0.0.0.0` in containers).',
    codeDefault: () => api().apiHost,
  },
  {
    name: 'LOG_LEVEL',
    default: '`info`',
    usedBy: ['api'],
    meaning: 'Structured (JSON) log level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.',
    codeDefault: () => api().logLevel,
  },
  {
    name: 'API_TRUST_PROXY_HOPS',
    default: '`0`',
    usedBy: ['api'],
    meaning: 'Reverse proxies in front of the API whose `X-Forwarded-For` names the client (audit log address).',
    codeDefault: () => api().trustProxyHops,
  },
  {
    name: 'API_BODY_LIMIT_BYTES',
    default: '`65536`',
    usedBy: ['api'],
    meaning: 'Largest JSON request body accepted.',
    codeDefault: () => api().bodyLimitBytes,
  },
  {
    name: 'API_STATEMENT_TIMEOUT_MS',
    default: '`30000`',
    usedBy: ['api'],
    meaning: 'A database statement running longer is cancelled and the request answered 503.',
    codeDefault: () => api().statementTimeoutMs,
  },
];

const DEMO: Setting[] = [
  {
    name: 'DEMO_LOG_DIR',
    default: `\`${DEMO_DEFAULTS.DEMO_LOG_DIR}\``,
    usedBy: ['demo'],
    meaning: "Where the demo writes the emulator's, the worker's and the API's output (one file each).",
    codeDefault: () => DEMO_DEFAULTS.DEMO_LOG_DIR,
  },
];

const EMULATOR: Setting[] = [
  {
    name: 'EMULATOR_PORT',
    default: '`9090`',
    usedBy: ['emulator', 'demo'],
    meaning: 'Port to listen on.',
    codeDefault: () => emulator().port,
  },
  {
    name: 'EMULATOR_HOST',
    default: '`127.0.0.1`',
    usedBy: ['emulator', 'demo'],
    meaning: 'Interface to bind (`0.0.0.0` in containers).',
    codeDefault: () => emulator().host,
  },
  {
    name: 'EMULATOR_PUBLIC_URL',
    default: '`http://<host>:<port>`',
    usedBy: ['emulator', 'demo'],
    meaning: "Base URL written into file `download_url`s and the token response's `api_url`.",
  },
  {
    name: 'EMULATOR_PROFILE',
    default: '`demo`',
    usedBy: ['emulator'],
    meaning: 'Tenant size: `tiny` (~2k messages), `small` (~20k), `demo` (~50k), `medium` (~1M), `large` (~5.2M).',
    codeDefault: () => emulator().profile,
  },
  {
    name: 'EMULATOR_MESSAGES',
    default: "the profile's",
    usedBy: ['emulator'],
    meaning: 'Overrides the number of messages generated over the history.',
  },
  {
    name: 'EMULATOR_USERS',
    default: "the profile's",
    usedBy: ['emulator'],
    meaning: 'Overrides the number of account users (channels and conversations scale with it).',
  },
  {
    name: 'EMULATOR_MAX_FILE_BYTES',
    default: "the profile's",
    usedBy: ['emulator'],
    meaning: 'Caps the size of generated files.',
  },
  {
    name: 'EMULATOR_SEED',
    default: '`1`',
    usedBy: ['emulator'],
    meaning: 'Seed of the generated tenant: the same seed gives the same tenant.',
    codeDefault: () => emulator().seed,
  },
  {
    name: 'EMULATOR_NOW',
    default: 'the real time',
    usedBy: ['emulator'],
    meaning: "The emulator clock's start (ISO date-time); the clock runs on from there.",
  },
  {
    name: 'EMULATOR_ACCOUNT_ID',
    default: '`demo-account`',
    usedBy: ['emulator', 'demo'],
    meaning: 'Account id for `grant_type=account_credentials`.',
    codeDefault: () => emulator().accountId,
  },
  {
    name: 'EMULATOR_CLIENT_ID',
    default: '`demo-client`',
    usedBy: ['emulator', 'demo'],
    meaning: 'Client id of the Server-to-Server (account-level) app.',
    codeDefault: () => emulator().clientId,
  },
  {
    name: 'EMULATOR_CLIENT_SECRET',
    default: '`demo-secret`',
    usedBy: ['emulator', 'demo'],
    meaning: 'Its client secret.',
    codeDefault: () => emulator().clientSecret,
  },
  {
    name: 'EMULATOR_USER_CLIENT_ID',
    default: '`demo-user-client`',
    usedBy: ['emulator'],
    meaning: 'Client id of the user-managed app (authorization-code flow).',
    codeDefault: () => emulator().userClientId,
  },
  {
    name: 'EMULATOR_USER_CLIENT_SECRET',
    default: '`demo-user-secret`',
    usedBy: ['emulator'],
    meaning: 'Its client secret.',
    codeDefault: () => emulator().userClientSecret,
  },
  {
    name: 'EMULATOR_TOKEN_TTL',
    default: '`3600`',
    usedBy: ['emulator'],
    meaning: 'Access-token lifetime in seconds.',
    codeDefault: () => emulator().tokenTtlSeconds,
  },
  {
    name: 'EMULATOR_PAGE_TOKEN_TTL',
    default: '`900`',
    usedBy: ['emulator'],
    meaning: '`next_page_token` lifetime in seconds (Zoom: 15 minutes).',
    codeDefault: () => emulator().pageTokenTtlSeconds,
  },
  {
    name: 'EMULATOR_PLAN',
    default: '`business`',
    usedBy: ['emulator', 'demo'],
    meaning: 'Rate-limit plan: `pro` or `business` (Business+).',
    codeDefault: () => emulator().plan,
  },
  {
    name: 'EMULATOR_RATE_SCALE',
    default: '`1`',
    usedBy: ['emulator'],
    meaning: 'Multiplies every rate limit.',
    codeDefault: () => emulator().rateScale,
  },
  {
    name: 'EMULATOR_RATE_LIMITS',
    default: '`on`',
    usedBy: ['emulator'],
    meaning: '`off` switches rate limiting off (benchmarks).',
  },
  {
    name: 'EMULATOR_REPORT_WINDOW',
    default: '`strict`',
    usedBy: ['emulator'],
    meaning:
      'Report windows over a month or before the six-month horizon: `strict` answers 400 / code 300, `clamp` moves `from` up and echoes it.',
  },
];

/** Every variable any process reads, in the README's tables. */
export const SETTINGS_TABLES: readonly SettingsTable[] = [
  { id: 'archive', settings: ARCHIVE },
  { id: 'exports', settings: EXPORTS },
  { id: 'api', settings: API },
  { id: 'demo', settings: DEMO },
  { id: 'emulator', settings: EMULATOR },
];

/** Variables the demo sets itself from its own defaults; documented in prose beside the demo table. */
export const DEMO_OVERRIDDEN = Object.keys(DEMO_DEFAULTS);
