import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, REDIS } from '../api.tokens.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiError } from '../common/api.error.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { HealthDto } from './health.dto.js';

/** A probe must answer quickly even when a dependency hangs instead of refusing. */
const CHECK_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  @RequirePermission('public')
  @ApiOperation({ summary: 'Liveness and readiness: Postgres and Redis reachable' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: ErrorBodyDto })
  async health(): Promise<HealthDto> {
    const [postgres, redis] = await Promise.all([
      this.check('postgres', () => this.db.query('SELECT 1')),
      this.check('redis', () => this.redis.ping()),
    ]);
    const checks = { postgres, redis };
    const down = Object.entries(checks).filter(([, state]) => state !== 'up');
    // Reasons go to the log only: the probe is public and connection errors name internal hosts.
    if (down.length > 0) {
      throw new ApiError(503, 'unavailable', `Down: ${down.map(([name]) => name).join(', ')}`);
    }
    return { status: 'ok', checks };
  }

  private async check(name: string, probe: () => Promise<unknown>): Promise<'up' | 'down'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([probe(), timeout]);
      return 'up';
    } catch (error) {
      this.logger.warn({ err: error, dependency: name }, 'Health check failed');
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }
}
