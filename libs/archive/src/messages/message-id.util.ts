/**
 * The archive's key for a Zoom message id. Zoom sends the same GUID with or without braces and in either
 * case (`{4C6A11E6-…}`, `8cfaf567-…`; REFERENCE §1.4), also in `reply_main_message_id`.
 */
export function normaliseMessageId(id: string): string {
  return id
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .toUpperCase();
}
