import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiDataResponse } from '../common/api-data-response.decorator.js';
import { PageQueryDto } from '../common/page-query.dto.js';
import { ExportDto } from '../exports/export.dto.js';
import { CreateExportScheduleDto } from './create-export-schedule.dto.js';
import { ExportScheduleDto } from './export-schedule.dto.js';
import { ExportScheduleParamsDto } from './export-schedule-params.dto.js';
import { ExportSchedulesService } from './export-schedules.service.js';
import { UpdateExportScheduleDto } from './update-export-schedule.dto.js';

@ApiTags('export-schedules')
@Controller('export-schedules')
export class ExportSchedulesController {
  constructor(private readonly schedules: ExportSchedulesService) {}

  @Post()
  @RequirePermission('exports:schedule')
  @Audited('export_schedule.create')
  @ApiOperation({
    summary: 'Schedule an export: cron and time zone, a period before each tick, format, retention',
    description: 'Each tick creates one run (an export) however many workers run; GET …/runs lists them.',
  })
  @ApiDataResponse(ExportScheduleDto, { status: 201 })
  async create(
    @Body() body: CreateExportScheduleDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ data: ExportScheduleDto }> {
    return { data: await this.schedules.create(body, principal) };
  }

  @Get()
  @RequirePermission('exports:schedule')
  @Audited('export_schedule.list')
  @ApiOperation({ summary: 'Export schedules, newest first' })
  @ApiDataResponse(ExportScheduleDto, { list: true })
  list(@Query() query: PageQueryDto): Promise<{ data: ExportScheduleDto[]; next_cursor: string | null }> {
    return this.schedules.list(query);
  }

  @Get(':id')
  @RequirePermission('exports:schedule')
  @Audited('export_schedule.read')
  @ApiOperation({ summary: 'An export schedule' })
  @ApiDataResponse(ExportScheduleDto)
  async get(@Param() params: ExportScheduleParamsDto): Promise<{ data: ExportScheduleDto }> {
    return { data: await this.schedules.get(params.id) };
  }

  @Patch(':id')
  @RequirePermission('exports:schedule')
  @Audited('export_schedule.update')
  @ApiOperation({ summary: 'Change a schedule; `enabled: false` stops its ticks' })
  @ApiDataResponse(ExportScheduleDto)
  async update(
    @Param() params: ExportScheduleParamsDto,
    @Body() body: UpdateExportScheduleDto,
  ): Promise<{ data: ExportScheduleDto }> {
    return { data: await this.schedules.update(params.id, body) };
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('exports:schedule')
  @Audited('export_schedule.delete')
  @ApiOperation({ summary: 'Delete a schedule; its runs and their zips stay until their retention ends' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  async delete(@Param() params: ExportScheduleParamsDto): Promise<void> {
    await this.schedules.delete(params.id);
  }

  @Get(':id/runs')
  @RequirePermission('exports:read')
  @Audited('export_schedule.runs')
  @ApiOperation({ summary: 'The runs of a schedule (its exports), newest first' })
  @ApiDataResponse(ExportDto, { list: true })
  runs(
    @Param() params: ExportScheduleParamsDto,
    @Query() query: PageQueryDto,
  ): Promise<{ data: ExportDto[]; next_cursor: string | null }> {
    return this.schedules.runs(params.id, query);
  }
}
