import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AuditLogRepository } from '#libs/archive';
import { requestIdOf } from '../common/request-id.util.js';
import { type AuditedRequest, auditEntry } from './audit-entry.util.js';

/** Appends the audit entry of a request; shared by the audit interceptor and the guard's refusals. */
@Injectable()
export class AuditRecorder {
  constructor(private readonly auditLog: AuditLogRepository) {}

  /** Taken when the request arrives: what the client sent, before pipes transform it. */
  capture(req: Request, action: string): AuditedRequest {
    return {
      action,
      requestId: requestIdOf(req),
      principal: req.principal,
      method: req.method,
      params: { ...req.params },
      query: { ...(req.query as Record<string, unknown>) },
      body: req.body as unknown,
      clientAddress: req.ip ?? req.socket.remoteAddress,
    };
  }

  async record(request: AuditedRequest, outcome: { statusCode: number; resultCount: number | null }): Promise<void> {
    await this.auditLog.append(auditEntry(request, outcome));
  }
}
