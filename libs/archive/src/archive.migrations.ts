import { InitialArchiveSchema1795651200000 } from './migrations/1795651200000-initial-archive-schema.migration.js';

/** In order of application. A released migration is never edited: add a new one. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own `migrations` type
export const ARCHIVE_MIGRATIONS: Function[] = [InitialArchiveSchema1795651200000];
