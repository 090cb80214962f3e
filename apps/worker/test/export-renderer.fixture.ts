import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  ExportJobsRepository,
  ExportSourceRepository,
  ExportWarningsRepository,
  MessageFilterRepository,
} from '#libs/archive';
import { type ExportConfig, loadExportConfig } from '#libs/sync';
import { ExportRendererService } from '../src/exports/export-renderer.service.js';

/** The worker's renderer over a test database, writing to an export store of its own. */
export function testRenderer(db: DataSource, overrides: Partial<ExportConfig> = {}, progressMs?: number) {
  const config: ExportConfig = {
    ...loadExportConfig({}),
    exportDir: mkdtempSync(join(tmpdir(), 'zca-exports-')),
    ...overrides,
  };
  const jobs = new ExportJobsRepository(db);
  const renderer = new ExportRendererService({
    config,
    jobs,
    filters: new MessageFilterRepository(db),
    source: new ExportSourceRepository(db),
    warnings: new ExportWarningsRepository(db),
    progressMs,
  });
  return { config, jobs, renderer };
}
