import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import QueryStream from 'pg-query-stream';
import type { DataSource } from 'typeorm';
import { pgPool } from '../database/pg-pool.util.js';
import { copyCsvSql } from './export-query.util.js';

/** An open read of export rows: the byte stream, and the end that returns (or discards) its connection. */
export interface ExportRead {
  stream: Readable;
  /** Commits and returns the connection after a complete read; discards it after an error or an abort. */
  close(error?: unknown): Promise<void>;
}

/**
 * Reads export rows from Postgres with bounded memory: CSV formats through `COPY (SELECT …) TO STDOUT`, which
 * formats in C at psql's speed (LIBRARIES-AND-PERFORMANCE §5), JSON Lines through a server-side cursor. Each
 * read has a connection and a transaction of its own, in which the time zone of the `*_local` columns is set
 * and the statement timeout lifted (an export of millions of rows is not a slow request).
 */
export class ExportSourceRepository {
  constructor(private readonly db: DataSource) {}

  async copyCsv(select: string, timeZone: string): Promise<ExportRead> {
    const client = await this.begin(timeZone);
    try {
      const stream = client.query(copyTo(copyCsvSql(select)));
      return { stream, close: (error) => this.end(client, error) };
    } catch (error) {
      await this.end(client, error);
      throw error;
    }
  }

  /** `select` returns one text column, `line`: each becomes a line of the stream. */
  async jsonLines(select: string, timeZone: string): Promise<ExportRead> {
    const client = await this.begin(timeZone);
    try {
      const rows = client.query(new QueryStream(select, [], { batchSize: 500, rowMode: 'array' }));
      const stream = Readable.from(lines(rows));
      return { stream, close: (error) => this.end(client, error) };
    } catch (error) {
      await this.end(client, error);
      throw error;
    }
  }

  /** Rows as objects, through a server-side cursor: for exports whose rows need work in JavaScript. */
  async rows(select: string, values: unknown[], timeZone: string): Promise<ExportRead> {
    const client = await this.begin(timeZone);
    try {
      const stream = client.query(new QueryStream(select, values, { batchSize: 500 }));
      return { stream, close: (error) => this.end(client, error) };
    } catch (error) {
      await this.end(client, error);
      throw error;
    }
  }

  private async begin(timeZone: string): Promise<PoolClient> {
    const client = await pgPool(this.db).connect();
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`SELECT set_config('TimeZone', $1, true), set_config('statement_timeout', '0', true)`, [
        timeZone,
      ]);
      return client;
    } catch (error) {
      client.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  /**
   * A client whose COPY or cursor was abandoned is still mid-protocol: returned to the pool it would hang the
   * next query (LIBRARIES-AND-PERFORMANCE §5.2), so it is destroyed instead.
   */
  private async end(client: PoolClient, error: unknown): Promise<void> {
    if (error) {
      client.release(error instanceof Error ? error : new Error('the read was abandoned'));
      return;
    }
    try {
      await client.query('COMMIT');
      client.release();
    } catch (commitError) {
      client.release(commitError instanceof Error ? commitError : new Error(String(commitError)));
      throw commitError;
    }
  }
}

/** Rows of one text column to newline-terminated buffers, in batches so a write carries many lines. */
async function* lines(rows: AsyncIterable<[string]>): AsyncGenerator<Buffer> {
  let batch: string[] = [];
  let size = 0;
  for await (const [line] of rows) {
    batch.push(line, '\n');
    size += line.length;
    if (size >= 64 * 1024) {
      yield Buffer.from(batch.join(''), 'utf8');
      batch = [];
      size = 0;
    }
  }
  if (batch.length) yield Buffer.from(batch.join(''), 'utf8');
}
