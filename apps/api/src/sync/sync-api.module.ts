import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { SyncStateRepository } from '#libs/archive';
import { DATA_SOURCE } from '../api.tokens.js';
import { SyncApiController } from './sync-api.controller.js';
import { SyncApiService } from './sync-api.service.js';
import { SyncRunsRepository } from './sync-runs.repository.js';

/** GET /sync/status, POST /sync/runs, GET /sync/runs/:id. */
@Module({
  controllers: [SyncApiController],
  providers: [
    SyncApiService,
    SyncRunsRepository,
    {
      provide: SyncStateRepository,
      inject: [DATA_SOURCE],
      useFactory: (db: DataSource) => new SyncStateRepository(db),
    },
  ],
})
export class SyncApiModule {}
