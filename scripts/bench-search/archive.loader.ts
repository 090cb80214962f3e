import type pg from 'pg';
import { ACCOUNT, type ArchiveGenerator, VOCAB } from './archive.generator.js';

const BATCH = 20_000;
const log = (line: string) => process.stdout.write(`${line}\n`);

const INSERT_MESSAGES = `
INSERT INTO messages (id, zoom_id, session_id, sender_member_id, sender_email, sender_display_name, receiver,
  is_sender_external, is_bot, sent_at, sent_ts, reply_main_message_id, current_text, original_text, version_count,
  edit_count, deleted_at, has_files, first_observed_at, last_observed_at, account_id)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bool[],
  $9::bool[], $10::timestamptz[], $11::bigint[], $12::text[], $13::text[], $14::text[], $15::int[], $16::int[],
  $17::timestamptz[], $18::bool[], $19::timestamptz[], $20::timestamptz[], $21::text[])`;

/** raw is built here, as Zoom's row reads, instead of being shipped from the client. */
const INSERT_VERSIONS = `
INSERT INTO message_versions (message_id, kind, action_ts, action_at, text, files, raw, sha256, observed_at)
SELECT t.id, t.kind, t.at, to_timestamp(t.at / 1000.0), t.body, t.files::jsonb,
       jsonb_build_object('id', t.zoom_id, 'message', t.body, 'timestamp', t.sent, 'action_timestamp', t.at,
                          'date_time', to_char(to_timestamp(t.sent / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                          'sender', t.email, 'sender_member_id', t.member, 'sender_display_name', t.name,
                          'reply_main_message_id', t.reply, 'files', t.files::jsonb),
       t.sha, t.observed
FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::bigint[],
            $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
       AS t(id, kind, at, body, files, sha, observed, sent, reply, zoom_id, email, member, name)`;

const INSERT_FILES = `
INSERT INTO archived_files (file_id, message_id, file_name, file_size, status, content_sha256, stored_at)
SELECT t.*, 'stored', encode(sha256(t.file_id::bytea), 'hex'), now()
FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS t(file_id, message_id, file_name, file_size)`;

const INSERT_REACTIONS = `
INSERT INTO reaction_snapshots (message_id, reactions, sha256, observed_at)
SELECT t.id, t.reactions::jsonb, t.sha, now() FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, reactions, sha)`;

const BULK_TABLES = `('messages', 'message_versions', 'archived_files', 'reaction_snapshots')`;
const SECONDARY_INDEXES = `
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relname IN ${BULK_TABLES} AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`;
const UNIQUE_CONSTRAINTS = `
SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
FROM pg_constraint WHERE contype = 'u' AND conrelid::regclass::text IN ${BULK_TABLES}`;

export async function loadPeople(client: pg.ClientBase, gen: ArchiveGenerator): Promise<void> {
  const u = gen.users;
  await client.query(
    `INSERT INTO directory_users (member_id, email, display_name, is_external)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[])`,
    [u.map((x) => x.memberId), u.map((x) => x.email), u.map((x) => x.name), u.map((x) => x.external)],
  );
  const s = gen.sessions;
  const groups = s.filter((x) => x.channelId);
  await client.query(
    `INSERT INTO channels (id, account_id, name, type) SELECT t.id, $3, t.name, 2 FROM unnest($1::text[], $2::text[]) AS t(id, name)`,
    [groups.map((x) => x.channelId), groups.map((_, i) => `channel ${VOCAB[100 + (i % 5000)]} ${i}`), ACCOUNT],
  );
  await client.query(
    `INSERT INTO channel_members (channel_id, member_id, email, display_name, is_external)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[])`,
    [
      groups.flatMap((x) => x.members.map(() => x.channelId)),
      groups.flatMap((x) => x.members.map((m) => m.memberId)),
      groups.flatMap((x) => x.members.map((m) => m.email)),
      groups.flatMap((x) => x.members.map((m) => m.name)),
      groups.flatMap((x) => x.members.map((m) => m.external)),
    ],
  );
  await client.query(
    `INSERT INTO chat_sessions (id, account_id, type, name, channel_id, has_external_member, member_emails)
     SELECT t.id, $7, t.type, t.name, t.channel, t.ext, t.emails::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::text[]) AS t(id, type, name, channel, ext, emails)`,
    [
      s.map((x) => x.id),
      s.map((x) => x.type),
      s.map((x, i) => (x.channelId ? `channel ${VOCAB[100 + (groups.indexOf(x) % 5000)]} ${i}` : '')),
      s.map((x) => x.channelId),
      s.map((x) => x.members.some((m) => m.external)),
      s.map((x) => JSON.stringify(x.channelId ? [] : x.members.map((m) => m.email).filter(Boolean))),
      ACCOUNT,
    ],
  );
}

/**
 * Bulk load as a backfill would: secondary indexes dropped and rebuilt afterwards, foreign-key triggers off
 * (session_replication_role) because the generator writes consistent rows in dependency order.
 */
export async function load(pool: pg.Pool, gen: ArchiveGenerator, messages: number): Promise<void> {
  const admin = await pool.connect();
  const indexes = (await admin.query<{ name: string; def: string }>(SECONDARY_INDEXES)).rows;
  const uniques = (await admin.query<{ tbl: string; name: string; def: string }>(UNIQUE_CONSTRAINTS)).rows;
  for (const ix of indexes) await admin.query(`DROP INDEX ${ix.name}`);
  for (const u of uniques) await admin.query(`ALTER TABLE ${u.tbl} DROP CONSTRAINT ${u.name}`);
  admin.release();
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let done = 0; done < messages; done += BATCH) {
    const rows = gen.batch(Math.min(BATCH, messages - done));
    const write = (async () => {
      const client = await pool.connect();
      try {
        await client.query('SET session_replication_role = replica; SET synchronous_commit = off');
        await client.query('BEGIN');
        await client.query(INSERT_MESSAGES, rows.m);
        await client.query(INSERT_VERSIONS, rows.v);
        if (rows.f[0].length) await client.query(INSERT_FILES, rows.f);
        if (rows.r[0].length) await client.query(INSERT_REACTIONS, rows.r);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    })();
    inFlight.add(write);
    void write.finally(() => inFlight.delete(write));
    if (inFlight.size >= 2) await Promise.race(inFlight);
    if ((done / BATCH) % 25 === 0)
      log(`  … ${done + BATCH} messages (${Math.round((performance.now() - started) / 1000)} s)`);
  }
  await Promise.all(inFlight);
  log(`  rows written in ${Math.round((performance.now() - started) / 1000)} s; rebuilding indexes`);
  const rebuild = [
    ...indexes.map((ix) => ix.def),
    ...uniques.map((u) => `ALTER TABLE ${u.tbl} ADD CONSTRAINT ${u.name} ${u.def}`),
  ];
  await Promise.all(
    rebuild.map(async (def) => {
      const client = await pool.connect();
      try {
        await client.query(`SET maintenance_work_mem = '512MB'`);
        await client.query(def);
      } finally {
        client.release();
      }
    }),
  );
  await pool.query(`UPDATE chat_sessions s SET last_message_sent_at = l.last
                    FROM (SELECT session_id, max(sent_at) AS last FROM messages GROUP BY session_id) l
                    WHERE s.id = l.session_id`);
  await pool.query('VACUUM ANALYZE');
  log(`  loaded in ${Math.round((performance.now() - started) / 1000)} s`);
}
