import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiDataResponse } from '../common/api-data-response.decorator.js';
import { MessageDetailDto } from './message-detail.dto.js';
import { MessageFileParamsDto, MessageParamsDto } from './message-params.dto.js';
import { MessagesService } from './messages.service.js';

@ApiTags('messages')
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get(':id')
  @RequirePermission('messages:read')
  @Audited('message.read')
  @ApiOperation({ summary: 'A message with its whole history, reactions, files and thread' })
  @ApiDataResponse(MessageDetailDto)
  async detail(@Param() params: MessageParamsDto): Promise<{ data: MessageDetailDto }> {
    return { data: await this.messages.detail(params.id) };
  }

  @Get(':id/files/:fileId')
  @RequirePermission('messages:read')
  @Audited('file.download')
  @ApiOperation({ summary: 'The archived bytes of a file of the message' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, as stored; X-Content-SHA256 carries its hash.' })
  async download(
    @Param() params: MessageFileParamsDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.messages.download(params.id, params.fileId);
    res.setHeader('X-Content-SHA256', file.sha256);
    return new StreamableFile(file.stream, {
      type: 'application/octet-stream',
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName || params.fileId)}`,
      length: file.size,
    });
  }
}
