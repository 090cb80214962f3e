import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.util.js';
import { normaliseMessageId } from './message-id.util.js';

export type VersionKind = 'original' | 'edited' | 'deleted';

export interface CanonicalFile {
  file_id: string;
  file_name: string;
  file_size: number | null;
}

/** The facts that make a version distinct. Anything else in the Zoom row (download URLs, …) may vary. */
export interface VersionFacts {
  message_id: string;
  session_id: string;
  kind: VersionKind;
  action_ts: number;
  timestamp: number;
  text: string;
  sender_member_id: string;
  reply_main_message_id: string | null;
  files: CanonicalFile[];
}

/**
 * The canonical form of a version (DESIGN invariant 6): sorted-key JSON of its facts, ids normalised and
 * files sorted by id. Stored hashes depend on it byte for byte — changing it orphans every stored hash.
 * Download URLs stay out: they carry a fresh token on every fetch.
 */
export function canonicalVersion(v: VersionFacts): string {
  return canonicalJson({
    message_id: normaliseMessageId(v.message_id),
    session_id: v.session_id,
    kind: v.kind,
    action_ts: v.action_ts,
    timestamp: v.timestamp,
    text: v.text,
    sender_member_id: v.sender_member_id,
    reply_main_message_id: v.reply_main_message_id === null ? null : normaliseMessageId(v.reply_main_message_id),
    files: v.files
      .map((f) => ({ file_id: f.file_id, file_name: f.file_name, file_size: f.file_size }))
      .sort((a, b) => (a.file_id < b.file_id ? -1 : a.file_id > b.file_id ? 1 : 0)),
  });
}

export function versionSha256(v: VersionFacts): string {
  return sha256Hex(canonicalVersion(v));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
