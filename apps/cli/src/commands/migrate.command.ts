import { ensureDatabase, runMigrations } from '#libs/archive';
import type { SyncConfig } from '#libs/sync';
import { createFailed, openDatabase } from './connections.js';

export async function migrateCommand(config: SyncConfig): Promise<number> {
  const created = await ensureDatabase(config.databaseUrl).catch((error: unknown) => {
    throw createFailed(config.databaseUrl, error);
  });
  if (created) process.stdout.write('Created the database.\n');
  const db = await openDatabase(config.databaseUrl);
  try {
    const applied = await runMigrations(db);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The schema is up to date.\n');
    return 0;
  } finally {
    await db.destroy();
  }
}
