import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { getMetadataStorage } from 'class-validator';
import { RouteParamtypes } from '../src/common/route-args.util.js';
import type { ApiRoute } from '../src/common/route-catalogue.util.js';
import { type ApiHarness, startApi } from './api.harness.js';
import { appRoutes, routeName } from './app-routes.util.js';
import { type OpenApiDocument, bodySchema, operationOf } from './openapi-operations.util.js';

/** The properties a handler's @Query() or @Body() DTO validates, read from class-validator's metadata. */
function dtoProperties(route: ApiRoute, kind: RouteParamtypes): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.handlerName) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  const entry = Object.entries(args).find(
    ([key, arg]) => Number(key.split(':')[0]) === Number(kind) && arg.data === undefined,
  );
  if (!entry) return [];
  const types = Reflect.getMetadata('design:paramtypes', route.controller.prototype as object, route.handlerName) as
    (new () => unknown)[] | undefined;
  const dto = types?.[entry[1].index];
  if (!dto) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))].sort();
}

describe('OpenAPI document and health', () => {
  let h: ApiHarness;
  let doc: OpenApiDocument;
  let routes: ApiRoute[];

  beforeAll(async () => {
    h = await startApi();
    routes = appRoutes(h.app);
    const response = await h.request('GET', '/docs-json');
    expect(response.status).toBe(200);
    doc = response.body as OpenApiDocument;
  });
  afterAll(() => h?.close());

  it('describes every route of the app with its method', () => {
    expect(routes.filter((route) => !operationOf(doc, route)).map(routeName)).toEqual([]);
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual(routes.map(routeName).sort());
  });

  it('documents every path, query and body parameter the route validates', () => {
    for (const route of routes) {
      const operation = operationOf(doc, route)!;
      const parameters = operation.parameters ?? [];
      const named = (where: string) =>
        parameters
          .filter((p) => p.in === where)
          .map((p) => p.name)
          .sort();
      const pathParams = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]).sort();
      expect({ route: routeName(route), path: named('path') }).toEqual({ route: routeName(route), path: pathParams });
      expect({ route: routeName(route), query: named('query') }).toEqual({
        route: routeName(route),
        query: dtoProperties(route, RouteParamtypes.QUERY),
      });
      const body = dtoProperties(route, RouteParamtypes.BODY);
      expect({
        route: routeName(route),
        body: Object.keys(bodySchema(doc, operation)?.properties ?? {}).sort(),
      }).toEqual({
        route: routeName(route),
        body,
      });
    }
  });

  it('documents the bearer scheme, and the permission and error answers of each route', () => {
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const route of routes) {
      const operation = operationOf(doc, route)!;
      expect({ route: routeName(route), permission: operation['x-required-permission'] }).toEqual({
        route: routeName(route),
        permission: route.permission,
      });
      const secured = route.permission !== 'public';
      expect({ route: routeName(route), security: operation.security ?? [] }).toEqual({
        route: routeName(route),
        security: secured ? [{ bearer: [] }] : [],
      });
      const responses = Object.keys((operation as { responses?: Record<string, unknown> }).responses ?? {});
      expect(responses).toEqual(expect.arrayContaining(secured ? ['400', '401', '403'] : ['400']));
    }
  });

  it('serves the Swagger UI at /docs', async () => {
    const ui = await h.request('GET', '/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('/health reports Postgres and Redis up, without a key, outside the prefix', async () => {
    const health = await h.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });
    expect((await h.request('GET', '/api/v1/health')).status).toBe(404);
  });

  it('/health answers 503 in the error body when Redis is down, without saying where it lives', async () => {
    const down = await startApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const health = await down.request('GET', '/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({
        error: { status: 503, code: 'unavailable', message: 'Down: redis', details: [] },
        request_id: health.headers.get('x-request-id'),
      });
    } finally {
      await down.close();
    }
  });

  it('answers unknown paths, inside the prefix or not, with the error body', async () => {
    for (const path of ['/api/v1/nothing', '/nothing', '/docs-json/x']) {
      const response = await h.request('GET', path);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({
        error: { status: 404, code: 'not_found' },
        request_id: expect.any(String),
      });
    }
  });
});
