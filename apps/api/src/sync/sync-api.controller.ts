import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiDataResponse } from '../common/api-data-response.decorator.js';
import { CreateSyncRunDto } from './create-sync-run.dto.js';
import { SyncRunDto, SyncStatusDto } from './sync-api.dto.js';
import { SyncApiService } from './sync-api.service.js';
import { SyncRunParamsDto } from './sync-run-params.dto.js';

@ApiTags('sync')
@Controller('sync')
export class SyncApiController {
  constructor(private readonly sync: SyncApiService) {}

  @Get('status')
  @RequirePermission('sync:read')
  @Audited('sync.status')
  @ApiOperation({ summary: 'Coverage per account: windows done, behind, failed; oldest day not archived' })
  @ApiDataResponse(SyncStatusDto)
  async status(): Promise<{ data: SyncStatusDto }> {
    return { data: await this.sync.status() };
  }

  @Post('runs')
  @RequirePermission('sync:run')
  @Audited('sync.run.create')
  @ApiOperation({ summary: 'Start a manual sync of the configured account (the worker runs it)' })
  @ApiDataResponse(SyncRunDto, { status: 201 })
  async create(@Body() body: CreateSyncRunDto): Promise<{ data: SyncRunDto }> {
    return { data: await this.sync.create(body) };
  }

  @Get('runs/:id')
  @RequirePermission('sync:read')
  @Audited('sync.run.read')
  @ApiOperation({ summary: 'A sync run and its progress' })
  @ApiDataResponse(SyncRunDto)
  async run(@Param() params: SyncRunParamsDto): Promise<{ data: SyncRunDto }> {
    return { data: await this.sync.run(params.id) };
  }
}
