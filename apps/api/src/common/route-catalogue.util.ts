import type { Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { AUDIT_ACTION_METADATA } from '../audit/audited.decorator.js';
import type { Permission } from '../auth/permissions.js';
import { PERMISSION_METADATA } from '../auth/require-permission.decorator.js';
import { API_PREFIX, PREFIX_EXCLUDED_PATHS } from './api-prefix.constants.js';

export interface ApiRoute {
  method: string;
  /** Full path as served, Express style: `/api/v1/api-keys/:id`. */
  path: string;
  controller: Type;
  handlerName: string;
  permission: Permission | undefined;
  auditAction: string | undefined;
}

/** Every route handler of the given controllers, read from the same metadata Nest routes by. */
export function routeCatalogue(controllers: Type[]): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const handlerName of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[handlerName];
      if (handlerName === 'constructor' || typeof handler !== 'function') continue;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (methodPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const permission = (Reflect.getMetadata(PERMISSION_METADATA, handler) ??
        Reflect.getMetadata(PERMISSION_METADATA, controller)) as Permission | undefined;
      const auditAction = Reflect.getMetadata(AUDIT_ACTION_METADATA, handler) as string | undefined;
      for (const path of fullPaths(controller, methodPath)) {
        routes.push({ method, path, controller, handlerName, permission, auditAction });
      }
    }
  }
  return routes;
}

function fullPaths(controller: Type, methodPath: string | string[]): string[] {
  const controllerPaths = asList(Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined);
  return controllerPaths.flatMap((base) =>
    asList(methodPath).map((path) => {
      const local = join(base, path);
      return PREFIX_EXCLUDED_PATHS.includes(local) ? `/${local}` : `/${join(API_PREFIX, local)}`;
    }),
  );
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [''];
  return Array.isArray(value) ? value : [value];
}

function join(...parts: string[]): string {
  return parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p !== '')
    .join('/');
}
