import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiKeysRepository } from '#libs/archive';
import { AUDIT_ACTION_METADATA } from '../audit/audited.decorator.js';
import { AuditRecorder } from '../audit/audit-recorder.service.js';
import { ApiError } from '../common/api.error.js';
import { roleHasPermission, type Permission } from './permissions.js';
import { PERMISSION_METADATA } from './require-permission.decorator.js';

const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;

/**
 * The global guard: every route names a permission (@RequirePermission); everything but `public` needs a
 * valid, unrevoked API key whose role holds the permission. 401 says what is wrong with the key, 403 which
 * permission the role lacks. A refusal of an audited route is audited too: the caller holds a valid key, so
 * the attempt is accountable (401s are not, or anyone could fill the log).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysRepository,
    private readonly recorder: AuditRecorder,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    // The boot check refuses such routes; this only keeps a route that slipped past it closed.
    if (!permission) throw new ApiError(403, 'forbidden', 'This route declares no permission; nobody may call it');
    if (permission === 'public') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const principal = await this.authenticate(req, res);
    if (!roleHasPermission(principal.role, permission)) {
      const action = this.reflector.get<string | undefined>(AUDIT_ACTION_METADATA, context.getHandler());
      if (action)
        await this.recorder.record(this.recorder.capture(req, action), { statusCode: 403, resultCount: null });
      throw new ApiError(
        403,
        'forbidden',
        `The role ${principal.role} of API key "${principal.name}" lacks the permission ${permission} this route needs`,
      );
    }
    return true;
  }

  private async authenticate(req: Request, res: Response): Promise<NonNullable<Request['principal']>> {
    const header = req.headers.authorization;
    const unauthorized = (message: string, error = 'invalid_token'): ApiError => {
      res.setHeader('WWW-Authenticate', `Bearer realm="api", error="${error}"`);
      return new ApiError(401, 'unauthorized', message);
    };
    if (!header) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="api"');
      throw new ApiError(401, 'unauthorized', 'An API key is required: send it as "Authorization: Bearer <key>"');
    }
    const token = BEARER.exec(header)?.[1];
    if (!token) throw unauthorized('The Authorization header must be "Bearer <API key>"', 'invalid_request');
    const result = await this.keys.authenticate(token);
    if (!result.ok) {
      throw unauthorized(result.reason === 'revoked' ? 'This API key has been revoked' : 'This API key is not valid');
    }
    req.principal = { keyId: result.key.id, name: result.key.name, role: result.key.role };
    return req.principal;
  }
}
