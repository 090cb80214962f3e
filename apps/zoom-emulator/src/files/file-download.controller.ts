import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TENANT, type TenantService, TOKENS, type TokenStore } from '../gateway/emulator-state.js';
import { ZoomError } from '../gateway/zoom-error.js';
import { messageIdFromJwt } from './file-json.util.js';

/** The bytes behind a message file's `download_url`; needs a valid bearer token, like Zoom's. */
@Controller('file/download')
export class FileDownloadController {
  constructor(
    @Inject(TENANT) private readonly tenant: TenantService,
    @Inject(TOKENS) private readonly tokens: TokenStore,
  ) {}

  @Get(':fileId')
  download(
    @Param('fileId') fileId: string,
    @Query('jwt') jwt: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const { token, problem } = this.tokens.lookup(bearer?.[1] ?? '');
    if (!token)
      throw new ZoomError(401, 124, problem === 'expired' ? 'Access token is expired.' : 'Invalid access token.');
    const ref = this.tenant.uploadedFile(fileId) ?? this.generatedFile(fileId, jwt);
    if (!ref) throw new ZoomError(404, 5404, `File does not exist: ${fileId}.`);
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Length', String(ref.fileSize));
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(ref.fileName)}`);
    this.tenant.fileStream(ref).pipe(res);
  }

  private generatedFile(fileId: string, jwt: string | undefined) {
    if (!jwt) return undefined;
    const view = this.tenant.findMessage(messageIdFromJwt(jwt));
    return view?.versions.flatMap((v) => v.files).find((f) => f.fileId === fileId);
  }
}
