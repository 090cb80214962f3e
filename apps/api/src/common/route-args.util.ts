import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';

/** The kinds of request data a route handler takes (@Query, @Body, @Param…), from Nest's own metadata. */
export function handlerArgTypes(controller: object, methodName: string): Set<RouteParamtypes> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller.constructor, methodName) ?? {}) as Record<
    string,
    unknown
  >;
  return new Set(Object.keys(args).map((key) => Number(key.split(':')[0]) as RouteParamtypes));
}

export { RouteParamtypes };
