import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ZoomError } from './zoom-error.js';

/** Every error leaves the emulator in Zoom's shape: `{code, message}` with the right status and headers. */
@Catch()
export class ZoomExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ZoomEmulator');

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const zoom = this.toZoomError(error);
    const send = () => {
      for (const [name, value] of Object.entries(zoom.headers)) res.setHeader(name, value);
      res.status(zoom.status).json(zoom.body());
    };
    // A refused upload may still be arriving: answering before it ends resets the connection and
    // the client never sees the 400, so the rest of the body is read and dropped first.
    if (!req.complete && !req.readableEnded) {
      req.resume();
      req.once('end', send);
      req.once('error', send);
    } else send();
  }

  private toZoomError(error: unknown): ZoomError {
    if (error instanceof ZoomError) return error;
    if (error instanceof HttpException) {
      const status = error.getStatus();
      if (status === 404) return new ZoomError(404, 404, 'Not Found.');
      if (status === 413) return new ZoomError(400, 300, 'Request body is too large.');
      if (status === 400) return new ZoomError(400, 300, 'Request Body should be a valid JSON object.');
      return new ZoomError(status, status, error.message);
    }
    // Multer's errors on multipart uploads (too large, too many files) are client errors.
    if (error instanceof Error && error.name === 'MulterError') return ZoomError.badRequest(error.message);
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return new ZoomError(500, 500, 'Internal server error.');
  }
}
