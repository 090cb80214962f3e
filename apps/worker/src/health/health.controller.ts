import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, REDIS } from '../worker.tokens.js';

@Controller()
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get('health')
  async health() {
    const checks = {
      postgres: await this.db.query('SELECT 1').then(
        () => 'up',
        (e: Error) => `down: ${e.message}`,
      ),
      redis: await this.redis.ping().then(
        () => 'up',
        (e: Error) => `down: ${e.message}`,
      ),
    };
    const ok = Object.values(checks).every((c) => c === 'up');
    if (!ok) throw new HttpException({ status: 'down', checks }, 503);
    return { status: 'ok', checks };
  }
}
