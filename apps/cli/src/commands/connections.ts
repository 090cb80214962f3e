import { DataSource } from 'typeorm';
import { archiveDataSourceOptions } from '#libs/archive';
import { START_SERVICES_HINT } from '#libs/sync';

/** The URL with its password hidden, to name a server in a message. */
function safeUrl(databaseUrl: string): string {
  const safe = new URL(databaseUrl);
  if (safe.password) safe.password = '***';
  return safe.toString();
}

/** A plain message naming the server (password hidden), for an operator rather than a stack trace. */
export function unreachable(databaseUrl: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(
    `cannot connect to Postgres at ${safeUrl(databaseUrl)}: ${reason}\n` +
      `Start it with ${START_SERVICES_HINT}, or set DATABASE_URL to a running server.`,
    { cause: error },
  );
}

/**
 * Postgres's own errors carry a severity (the server was reached and refused, e.g. no right to create
 * databases); anything else (refused, unknown host, timeout) means it was not reached.
 */
export function createFailed(databaseUrl: string, error: unknown): Error {
  if (!(error instanceof Error) || !('severity' in error)) return unreachable(databaseUrl, error);
  return new Error(`cannot create the database ${safeUrl(databaseUrl)}: ${error.message}`, { cause: error });
}

/** A data source for a CLI command, with a plain message when Postgres cannot be reached. */
export async function openDatabase(databaseUrl: string): Promise<DataSource> {
  try {
    return await new DataSource(archiveDataSourceOptions(databaseUrl)).initialize();
  } catch (error) {
    throw unreachable(databaseUrl, error);
  }
}
