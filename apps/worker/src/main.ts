import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { describeStartupError, loadSyncConfig, probeServices } from '#libs/sync';
import { ZoomConfigError } from '#libs/zoom-client';
import { WorkerModule } from './worker.module.js';

/** Where the worker listens, once the settings are read: named in the message when the port is taken. */
let listen: { variable: string; host: string; port: number } | undefined;

async function main(): Promise<void> {
  const config = loadSyncConfig();
  const host = process.env.WORKER_HOST || '127.0.0.1';
  listen = { variable: 'WORKER_PORT', host, port: config.port };
  // A clear word on an unreachable server before Nest starts, rather than a stack or endless reconnects.
  await probeServices(config);
  const app = await NestFactory.create(WorkerModule.forConfig(config), { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  await app.listen(config.port, host);
  process.stdout.write(
    `Worker ready: metrics on http://127.0.0.1:${config.port}/metrics, concurrency ${config.concurrency}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeStartupError(error, { configErrors: [ZoomConfigError], listen })}\n`);
  process.exit(1);
});
