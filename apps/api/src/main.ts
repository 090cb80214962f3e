import 'reflect-metadata';
import { ConfigError, ServiceUnavailableError, probeServices } from '#libs/sync';
import { createApiApp } from './api-app.factory.js';
import { loadApiConfig } from './config/api-config.js';

async function main(): Promise<void> {
  const config = loadApiConfig();
  // A clear word on an unreachable server before Nest starts, rather than a stack.
  await probeServices(config);
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
      : error instanceof ServiceUnavailableError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
