import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person renamed over time carries different names on report rows of different dates. Without the time
 * the stored name came from, the directory showed whichever page was written last, and every page with the
 * other name rewrote the row (a hot row that pages of many sessions queued on). Existing rows start at 0:
 * the next row seen for them with another email or name sets it.
 */
export class DirectoryProfileTime1796169600000 implements MigrationInterface {
  name = 'DirectoryProfileTime1796169600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE directory_users ADD COLUMN email_ts bigint NOT NULL DEFAULT 0, ADD COLUMN name_ts bigint NOT NULL DEFAULT 0',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE directory_users DROP COLUMN name_ts, DROP COLUMN email_ts');
  }
}
