import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../api.tokens.js';

/**
 * The time zone names Postgres knows (the IANA database it converts with). Read once: the list changes only
 * with a Postgres upgrade, and reading pg_timezone_names scans the zone files.
 */
@Injectable()
export class TimeZonesRepository {
  private names: Promise<Set<string>> | null = null;

  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  async exists(name: string): Promise<boolean> {
    this.names ??= this.db
      .query<{ name: string }[]>('SELECT name FROM pg_timezone_names')
      .then((rows) => new Set(rows.map((r) => r.name)));
    try {
      return (await this.names).has(name);
    } catch (error) {
      this.names = null;
      throw error;
    }
  }
}
