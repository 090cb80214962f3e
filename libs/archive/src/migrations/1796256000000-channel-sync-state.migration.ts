import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channel sync state. `members_synced_at` is when the last complete member listing ended (the removals it
 * implies are as of then); `warning` says why the last attempt read nothing (no known member could see the
 * channel, a permanent Zoom error), so an unreadable channel is recorded rather than silently skipped.
 */
export class ChannelSyncState1796256000000 implements MigrationInterface {
  name = 'ChannelSyncState1796256000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE channels ADD COLUMN members_synced_at timestamptz, ADD COLUMN warning text, ADD COLUMN warning_at timestamptz',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE channels DROP COLUMN warning_at, DROP COLUMN warning, DROP COLUMN members_synced_at',
    );
  }
}
