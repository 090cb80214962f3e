import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { BEARER_SCHEME } from '../auth/require-permission.decorator.js';

/**
 * /docs (Swagger UI) and /docs-json, generated from the controllers and DTOs. Must run before app.init():
 * on Express, routes added after it would sit behind Nest's 404 handler.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Zoom Team Chat compliance archive')
    .setDescription(
      'Search and review of archived Zoom Team Chat messages with every version, sync status and the ' +
        'hash-chained audit log. Every request needs an API key (`Authorization: Bearer <key>`) except /health. ' +
        'Errors share one body: `{"error": {status, code, message, details}, "request_id"}`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key: zca_<id>_<secret>' }, BEARER_SCHEME)
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
  });
}
