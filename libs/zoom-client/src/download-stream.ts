import { PassThrough, type Readable } from 'node:stream';
import { ZoomRetryableError } from './zoom-errors.js';

/**
 * The body of a download as handed to the caller. Got's stream errors carry the request options,
 * Authorization header included, so a failure mid-transfer is re-raised as a ZoomRetryableError that
 * holds only the network code.
 */
export function guardedBody(source: Readable, operationId: string): Readable {
  const out = new PassThrough();
  source.on('error', (error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    const networkCode = typeof code === 'string' ? code : 'EUNKNOWN';
    out.destroy(
      new ZoomRetryableError(`Zoom ${operationId} interrupted (${networkCode})`, { operationId, networkCode }),
    );
  });
  // A caller that stops reading must not leave the socket open.
  out.once('close', () => source.destroy());
  return source.pipe(out);
}
