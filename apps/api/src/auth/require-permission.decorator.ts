import { SetMetadata, applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import type { Permission } from './permissions.js';

export const PERMISSION_METADATA = 'zca:permission';
/** The security scheme of /docs-json that protected routes refer to. */
export const BEARER_SCHEME = 'bearer';

/**
 * The permission a route needs; the global guard enforces it and the boot check refuses routes without one.
 * Also documents it in /docs: the bearer scheme, the permission (`x-required-permission`) and the 400, 401
 * and 403 the route can answer.
 */
export function RequirePermission(permission: Permission): MethodDecorator & ClassDecorator {
  const docs =
    permission === 'public'
      ? []
      : [
          ApiBearerAuth(BEARER_SCHEME),
          ApiUnauthorizedResponse({
            description: 'No API key, or one that is invalid or revoked.',
            type: ErrorBodyDto,
          }),
          ApiForbiddenResponse({ description: `The key's role lacks ${permission}.`, type: ErrorBodyDto }),
        ];
  return applyDecorators(
    SetMetadata(PERMISSION_METADATA, permission),
    ApiExtension('x-required-permission', permission),
    ApiBadRequestResponse({ description: 'A parameter is invalid; the details name it.', type: ErrorBodyDto }),
    ...docs,
  );
}
