import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiDataResponse } from '../common/api-data-response.decorator.js';
import { PageQueryDto } from '../common/page-query.dto.js';
import { CreateExportDto } from './create-export.dto.js';
import { ExportDto } from './export.dto.js';
import { ExportParamsDto } from './export-params.dto.js';
import { ExportsService } from './exports.service.js';

@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @RequirePermission('exports:create')
  @Audited('export.create')
  @ApiOperation({
    summary: 'Start an export of the messages the search filters select (the worker renders it into a zip)',
    description:
      'The zip holds the data files and manifest.json (filters, requester, creation time, time zone, schema ' +
      'version, rows and SHA-256 per file, warnings). CSV is RFC 4180 with CRLF, UTF-8, UTC and zoned time ' +
      'columns. Follow progress with GET /exports/{id}.',
  })
  @ApiDataResponse(ExportDto, { status: 201 })
  async create(@Body() body: CreateExportDto, @CurrentPrincipal() principal: Principal): Promise<{ data: ExportDto }> {
    return { data: await this.exports.create(body, principal) };
  }

  @Get()
  @RequirePermission('exports:read')
  @Audited('export.list')
  @ApiOperation({ summary: 'Exports, newest first' })
  @ApiDataResponse(ExportDto, { list: true })
  list(@Query() query: PageQueryDto): Promise<{ data: ExportDto[]; next_cursor: string | null }> {
    return this.exports.list(query);
  }

  @Get(':id')
  @RequirePermission('exports:read')
  @Audited('export.read')
  @ApiOperation({ summary: 'An export: status, progress, files with their SHA-256, warnings' })
  @ApiDataResponse(ExportDto)
  async get(@Param() params: ExportParamsDto): Promise<{ data: ExportDto }> {
    return { data: await this.exports.get(params.id) };
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('exports:create')
  @Audited('export.cancel')
  @ApiOperation({ summary: 'Cancel a queued or running export; its partial files are removed' })
  @ApiDataResponse(ExportDto)
  async cancel(@Param() params: ExportParamsDto): Promise<{ data: ExportDto }> {
    return { data: await this.exports.cancel(params.id) };
  }

  @Get(':id/download')
  @RequirePermission('exports:read')
  @Audited('export.download')
  @ApiOperation({
    summary: 'The zip of a done export',
    description: 'Repr-Digest carries the SHA-256 of the zip, as GET /exports/{id} reports it (zip_sha256).',
  })
  @ApiProduces('application/zip')
  @ApiResponse({
    status: 200,
    description: 'The zip.',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  async download(@Param() params: ExportParamsDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const file = await this.exports.download(params.id);
    // RFC 9530: the client can check what it received against the digest the export recorded.
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    return new StreamableFile(file.stream, {
      type: 'application/zip',
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.bytes,
    });
  }
}
