import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module.js';
import { API_PREFIX, PREFIX_EXCLUDED_PATHS } from './common/api-prefix.constants.js';
import { notFoundMiddleware } from './common/not-found.middleware.js';
import { requestIdMiddleware } from './common/request-id.middleware.js';
import { setupOpenApi } from './common/openapi.setup.js';
import type { ApiConfig } from './config/api-config.js';

/**
 * The API application, configured and initialised but not listening: main.ts listens on the configured
 * port, tests on an ephemeral one.
 */
export async function createApiApp(config: ApiConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forConfig(config), {
    bufferLogs: true,
    // A failed start rejects, so main.ts (or a test) decides how to report it, instead of Nest exiting.
    abortOnError: false,
    // Registered below, after the request id, so an unreadable body still gets one.
    bodyParser: false,
    routeResolutionStrategy: 'specificity',
    routeConflictPolicy: { duplicate: 'error' },
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxyHops);
  app.set('query parser', 'simple');
  app.use(requestIdMiddleware);
  app.useSecurityHeaders({ contentSecurityPolicy: false });
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.setGlobalPrefix(API_PREFIX, { exclude: PREFIX_EXCLUDED_PATHS });
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.init();
  app.use(notFoundMiddleware);
  return app;
}
