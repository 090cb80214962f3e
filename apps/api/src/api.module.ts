import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuditLogModule } from './audit-log/audit-log.module.js';
import { AuditInterceptor } from './audit/audit.interceptor.js';
import { AuditRecorder } from './audit/audit-recorder.service.js';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { PermissionCoverageCheck } from './auth/permission-coverage.check.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { ApiValidationPipe } from './common/api-validation.pipe.js';
import { ConnectionsModule } from './common/connections.module.js';
import { loggerParams } from './common/logger.params.js';
import { StrictQueryInterceptor } from './common/strict-query.interceptor.js';
import type { ApiConfig } from './config/api-config.js';
import { ExportSchedulesModule } from './export-schedules/export-schedules.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { DirectoryModule } from './directory/directory.module.js';
import { HealthModule } from './health/health.module.js';
import { ApiKeysModule } from './keys/api-keys.module.js';
import { MessagesModule } from './messages/messages.module.js';
import { SearchModule } from './search/search.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { SyncApiModule } from './sync/sync-api.module.js';

/** The feature modules (search, review, directory, sync status, exports, reports), by the paths the architecture fixes. */
const FEATURE_MODULES: Type[] = [
  SearchModule,
  MessagesModule,
  SessionsModule,
  DirectoryModule,
  SyncApiModule,
  ExportsModule,
  ReportsModule,
  ExportSchedulesModule,
];

/** The REST API: global guard, audit, validation and error body around the foundation and feature modules. */
@Module({})
export class ApiModule {
  static forConfig(config: ApiConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConnectionsModule.forConfig(config),
        LoggerModule.forRoot(loggerParams(config)),
        DiscoveryModule,
        HealthModule,
        ApiKeysModule,
        AuditLogModule,
        ...FEATURE_MODULES,
      ],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        // In this order: a request refused for its query is still audited.
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: APP_INTERCEPTOR, useClass: StrictQueryInterceptor },
        { provide: APP_PIPE, useClass: ApiValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        PermissionCoverageCheck,
        AuditRecorder,
      ],
    };
  }
}
