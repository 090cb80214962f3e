import {
  type CallHandler,
  Controller,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  type NestInterceptor,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  type Type,
  UploadedFile,
  UploadedFiles,
  UseInterceptors,
  Body,
  mixin,
} from '@nestjs/common';
import { FileInterceptor, FilesInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { TENANT, type TenantService } from '../gateway/emulator-state.js';
import { actingUser, str } from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import { ZoomOperation } from '../gateway/zoom-operation.decorator.js';
import type { ZoomRequest } from '../gateway/zoom-request.js';
import { bodyObject, replyParent } from '../messages/message-body.util.js';
import { openSession, postingTarget, targetParams } from '../messages/message-target.util.js';

/** The part of multer's memory-stored file the routes read. */
interface MulterFile {
  readonly originalname: string;
  readonly buffer: Buffer;
  readonly size: number;
}

const MB = 1024 * 1024;
/** Zoom takes up to 1 GB on #17 (REFERENCE §3); the emulator holds uploads in memory, so it stops at 64 MB. */
const UPLOAD_LIMIT = 64 * MB;
/** #14: 16 MB for images, 20 MB for anything else (OpenAPI `files` description). */
const SEND_LIMIT = 20 * MB;
const SEND_IMAGE_LIMIT = 16 * MB;
const IMAGE = /\.(png|jpe?g|gif)$/i;

const tooLarge = (limit: number) => ZoomError.badRequest(`Maximum file size exceeded: ${limit / MB}MB`);

/** Multer's refusals (size, unexpected field) in Zoom's 400 / code 300 shape instead of Nest's. */
function zoomMultipart(inner: Type<NestInterceptor>, limit: number): Type<NestInterceptor> {
  @Injectable()
  class ZoomMultipartInterceptor implements NestInterceptor {
    private readonly multer = new inner();

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      try {
        return await this.multer.intercept(context, next);
      } catch (error) {
        if (error instanceof PayloadTooLargeException) throw tooLarge(limit);
        if (error instanceof HttpException) throw ZoomError.badRequest(error.message);
        throw error;
      }
    }
  }
  return mixin(ZoomMultipartInterceptor);
}

/** The file-host endpoints (`https://file.zoom.us/v2` in Zoom, REFERENCE §1.1), served under this /v2. */
@Controller('v2')
export class ChatFilesController {
  constructor(@Inject(TENANT) private readonly tenant: TenantService) {}

  @Post('chat/users/:userId/files')
  @ZoomOperation('uploadAChatFile')
  @UseInterceptors(zoomMultipart(FileInterceptor('file', { limits: { fileSize: UPLOAD_LIMIT } }), UPLOAD_LIMIT))
  upload(
    @Param('userId') userId: string,
    @Query() query: Record<string, unknown>,
    @UploadedFile() file: MulterFile | undefined,
    @Req() req: ZoomRequest,
  ): { id: string } {
    const acting = actingUser(this.tenant, req, userId);
    const personal = str(query, 'postToPersonalChat');
    if (personal !== undefined && personal !== 'true' && personal !== 'false') {
      throw ZoomError.validation('postToPersonalChat');
    }
    if (!file) throw ZoomError.validation('file', 'file is required.');
    return { id: this.tenant.uploadFile(acting.idx, file.originalname, file.buffer).fileId };
  }

  @Post('chat/users/:userId/messages/files')
  @ZoomOperation('sendChatFile')
  @UseInterceptors(zoomMultipart(FilesInterceptor('files', 10, { limits: { fileSize: SEND_LIMIT } }), SEND_LIMIT))
  send(
    @Param('userId') userId: string,
    @Body() raw: unknown,
    @UploadedFiles() files: MulterFile[] | undefined,
    @Req() req: ZoomRequest,
  ): { id: string } {
    const acting = actingUser(this.tenant, req, userId);
    const body = bodyObject(raw);
    const file = singleFile(files);
    const params = targetParams(body);
    // Send-file names contacts by user id or member id only (REFERENCE §7.13).
    if (params.toContact?.includes('@') && !params.toChannel) throw ZoomError.userNotFound(params.toContact);
    const target = postingTarget(this.tenant, acting, params);
    const replyTo = replyParent(this.tenant, target.session, str(body, 'reply_main_message_id'));
    const ref = this.tenant.uploadFile(acting.idx, file.originalname, file.buffer);
    const message = this.tenant.sendMessage({
      session: openSession(this.tenant, acting, target),
      senderIdx: acting.idx,
      text: '',
      files: [ref],
      replyTo,
    });
    return { id: message.id };
  }
}

/** "This field only supports one file", within the image / other size limits. */
function singleFile(files: MulterFile[] | undefined): MulterFile {
  if (!files || files.length === 0) throw ZoomError.validation('files', 'files is required.');
  if (files.length > 1) throw ZoomError.validation('files', 'Only one file can be sent at a time.');
  const file = files[0];
  if (IMAGE.test(file.originalname) && file.size > SEND_IMAGE_LIMIT) throw tooLarge(SEND_IMAGE_LIMIT);
  return file;
}
