import 'reflect-metadata';
import { ConfigError } from '#libs/sync';
import { createApiApp } from './api-app.factory.js';
import { loadApiConfig } from './config/api-config.js';

async function main(): Promise<void> {
  const config = loadApiConfig();
  const app = await createApiApp(config);
  await app.listen(config.apiPort, config.apiHost);
  process.stdout.write(
    `API ready on http://${config.apiHost}:${config.apiPort}/api/v1 — docs at /docs, health at /health\n`,
  );
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? `Configuration error: ${error.message}`
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
