import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, ServiceUnavailableError, loadSyncConfig, probeServices } from '#libs/sync';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const config = loadSyncConfig();
  // A clear word on an unreachable server before Nest starts, rather than a stack or endless reconnects.
  await probeServices(config);
  const app = await NestFactory.create(WorkerModule.forConfig(config), { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  await app.listen(config.port, process.env.WORKER_HOST || '127.0.0.1');
  process.stdout.write(
    `Worker ready: metrics on http://127.0.0.1:${config.port}/metrics, concurrency ${config.concurrency}\n`,
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
