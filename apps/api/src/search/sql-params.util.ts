/** Shared with exports, which also write these parameters inline (InlineSqlParams). */
export { SqlParams } from '#libs/archive';
