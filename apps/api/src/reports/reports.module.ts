import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module.js';
import { AuditLogReportRepository } from './audit-log-report.repository.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** GET /reports/messages.csv and /reports/audit-log.csv. */
@Module({
  imports: [ExportsModule],
  controllers: [ReportsController],
  providers: [ReportsService, AuditLogReportRepository],
})
export class ReportsModule {}
