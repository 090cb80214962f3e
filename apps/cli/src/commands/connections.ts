import { DataSource } from 'typeorm';
import { archiveDataSourceOptions } from '#libs/archive';

/** A data source for a CLI command, with a plain message (password hidden) when Postgres cannot be reached. */
export async function openDatabase(databaseUrl: string): Promise<DataSource> {
  try {
    return await new DataSource(archiveDataSourceOptions(databaseUrl)).initialize();
  } catch (error) {
    const safe = new URL(databaseUrl);
    if (safe.password) safe.password = '***';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot connect to Postgres at ${safe.toString()}: ${reason}`, { cause: error });
  }
}
