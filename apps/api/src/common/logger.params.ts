import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { ApiConfig } from '../config/api-config.js';
import { requestIdOf } from './request-id.util.js';

/**
 * One JSON line per request with its id, and the id on every log line written while serving it. Request
 * serialisation is explicit rather than pino's default so headers (Authorization carries the API key)
 * never reach a log; URLs are safe because keys are accepted only in the header.
 */
export function loggerParams(config: ApiConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage) => requestIdOf(req),
      // Probes call it every few seconds; a failing check is logged by the controller.
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
      customProps: (req: IncomingMessage) => (req.principal ? { key_id: req.principal.keyId } : {}),
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          remote_address: req.remoteAddress,
        }),
        res: (res: ServerResponse | { statusCode: number }) => ({ status_code: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'res.headers', '*.authorization'], censor: '[redacted]' },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}
