import 'reflect-metadata';
import { describeStartupError, probeServices } from '#libs/sync';
import { createApiApp } from './api-app.factory.js';
import { loadApiConfig } from './config/api-config.js';

/** Where the API listens, once the settings are read: named in the message when the port is taken. */
let listen: { variable: string; host: string; port: number } | undefined;

async function main(): Promise<void> {
  const config = loadApiConfig();
  listen = { variable: 'API_PORT', host: config.apiHost, port: config.apiPort };
  // A clear word on an unreachable server before Nest starts, rather than a stack.
  await probeServices(config);
  const app = await createApiApp(config);
  await app.listen(config.apiPort, config.apiHost);
  process.stdout.write(
    `API ready on http://${config.apiHost}:${config.apiPort}/api/v1 — docs at /docs, health at /health\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeStartupError(error, { listen })}\n`);
  process.exit(1);
});
