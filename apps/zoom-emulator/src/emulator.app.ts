import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { EmulatorConfig } from './config/emulator-config.js';
import { EmulatorModule } from './emulator.module.js';

/** Builds the emulator app (not listening); tests and main.ts share it. */
export async function createEmulatorApp(config: EmulatorConfig, logger = false): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(EmulatorModule.forConfig(config), {
    logger: logger ? ['log', 'warn', 'error'] : false,
    bodyParser: false,
  });
  // Zoom accepts JSON bodies up to a few MB; multipart uploads are parsed per route.
  app.useBodyParser('json', { limit: '2mb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '1mb' });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
