import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the API's search and message history need beyond the initial schema.
 *
 * Search plans depend on how well Postgres knows the words. With the default statistics target (100) it
 * keeps too few most-common lexemes, over-estimates rare terms by orders of magnitude and walks the whole
 * sent_at index for them (LIBRARIES-AND-PERFORMANCE §4.3: 0.3–2.7 s at 5 M rows, 4–9 ms with 2000).
 * Statistics targets are not part of TypeORM's schema model, so the drift check ignores them.
 *
 * A message's thread lists its replies: without an index that is a scan of every message. Searches by
 * `external` and `has_files` alone (no text) would otherwise walk every message in time order to fill a
 * page; like the edited/deleted ones, these partial indexes hold only the few rows they select.
 */
const UP = `
ALTER TABLE message_versions ALTER COLUMN search SET STATISTICS 2000;
ANALYZE message_versions (search);
CREATE INDEX ix_messages_reply ON messages (reply_main_message_id) WHERE reply_main_message_id IS NOT NULL;
CREATE INDEX ix_messages_external ON messages (sent_at, id) WHERE is_sender_external;
CREATE INDEX ix_messages_files ON messages (sent_at, id) WHERE has_files;
`;

const DOWN = `
DROP INDEX ix_messages_files, ix_messages_external, ix_messages_reply;
ALTER TABLE message_versions ALTER COLUMN search SET STATISTICS -1;
`;

export class SearchIndexes1795824000000 implements MigrationInterface {
  name = 'SearchIndexes1795824000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(UP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(DOWN);
  }
}
