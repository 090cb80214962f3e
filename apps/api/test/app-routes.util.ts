import { randomUUID } from 'node:crypto';
import type { INestApplication, Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { type ApiRoute, routeCatalogue } from '../src/common/route-catalogue.util.js';

/** Every route handler of the running app, found through Nest's DiscoveryService. */
export function appRoutes(app: INestApplication): ApiRoute[] {
  const controllers = app
    .get(DiscoveryService)
    .getControllers()
    .map((wrapper) => wrapper.metatype as Type | null)
    .filter((metatype): metatype is Type => !!metatype);
  return routeCatalogue(controllers);
}

/**
 * `METHOD /path` of every single-method route on the Express router: the routes Nest registered, walked
 * independently of its metadata. Swagger's own routes, the catch-alls Nest adds for 404s and the per-path
 * middleware of prefix-excluded routes (the same path, with a trailing slash) are left out.
 */
export function expressRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  const found = new Set<string>();
  for (const { route } of express.router.stack) {
    if (!route || route.path.startsWith('/docs') || /[{*]/.test(route.path)) continue;
    const methods = Object.keys(route.methods).filter((method) => method !== '_all');
    if (methods.length !== 1) continue;
    found.add(`${methods[0].toUpperCase()} ${route.path.replace(/(.)\/$/, '$1')}`);
  }
  return [...found].sort();
}

/** A concrete path for a route: every `:param` filled with `value` (a fresh UUID by default). */
export function concretePath(route: ApiRoute, value?: string): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, () => encodeURIComponent(value ?? randomUUID()));
}

export function routeName(route: ApiRoute): string {
  return `${route.method} ${route.path}`;
}
