import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module.js';
import { ExportSchedulesController } from './export-schedules.controller.js';
import { ExportSchedulesService } from './export-schedules.service.js';

/** POST/GET/PATCH/DELETE /export-schedules and GET /export-schedules/:id/runs. */
@Module({
  imports: [ExportsModule],
  controllers: [ExportSchedulesController],
  providers: [ExportSchedulesService],
})
export class ExportSchedulesModule {}
