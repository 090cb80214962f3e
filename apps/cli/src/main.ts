import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, ServiceUnavailableError, loadSyncConfig } from '#libs/sync';
import { apikeyCreateCommand, apikeyRevokeCommand } from './commands/apikey.command.js';
import { demoCommand } from './commands/demo.command.js';
import { migrateCommand } from './commands/migrate.command.js';
import { syncCommand } from './commands/sync.command.js';
import { syncStatusCommand } from './commands/sync-status.command.js';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                                   create the database if missing and apply migrations
  sync [--from YYYY-MM-DD --to YYYY-MM-DD] [--wait]
                                            enqueue a sync (the worker runs it); --wait shows progress and a summary
  sync:status                               coverage: windows done, behind, failed; oldest uncovered day
  apikey:create --role <role> --name <name> create an API key (admin, compliance_officer or auditor);
                                            prints the key once
  apikey:revoke --id <id>                   revoke an API key; requests with it get 401 at once
  demo                                      the emulator, worker and API on demo data, a first sync, one key
                                            per role and requests to try; runs until Ctrl-C (npm run demo)
`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      wait: { type: 'boolean', default: false },
      role: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
    },
    allowPositionals: false,
  });
  // The demo applies its own defaults (database, prefix, emulator URLs) before reading the settings.
  if (command === 'demo') return demoCommand(process.env);
  const config = loadSyncConfig();
  switch (command) {
    case 'migrate':
      return migrateCommand(config);
    case 'sync':
      return syncCommand(config, values);
    case 'sync:status':
      return syncStatusCommand(config);
    case 'apikey:create':
      return apikeyCreateCommand(config, values);
    case 'apikey:revoke':
      return apikeyRevokeCommand(config, values);
    default:
      process.stderr.write(command ? `Unknown command "${command}"\n\n${USAGE}` : USAGE);
      return 2;
  }
}

main().then(
  (code) => exitAfterFlush(code),
  (error: unknown) => {
    const message =
      error instanceof ConfigError ||
      error instanceof ServiceUnavailableError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
        ? error.message
        : error instanceof Error
          ? error.message
          : String(error);
    process.stderr.write(`Error: ${message}\n`);
    exitAfterFlush(1);
  },
);

/** Exits once stdout and stderr have flushed: a piped stream is asynchronous, and exiting at once can drop the message. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
