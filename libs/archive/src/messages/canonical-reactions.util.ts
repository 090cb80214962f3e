import { canonicalJson } from './canonical-json.util.js';
import { sha256Hex } from './canonical-version.util.js';
import { normaliseMessageId } from './message-id.util.js';

export interface ZoomReaction {
  emoji: string;
  total_count?: number;
  user_ids?: string[];
  member_ids?: string[];
}

/** Reactions in an order-free form: Zoom's array order and id order carry no meaning. */
export function canonicalReactions(reactions: readonly ZoomReaction[]): string {
  return canonicalJson(sortedReactions(reactions));
}

/**
 * A snapshot's hash chains the previous snapshot's hash, so reactions that return to an earlier state
 * (added, then removed) make a new row under UNIQUE (message_id, sha256) rather than colliding with the first.
 */
export function reactionSnapshotSha256(
  messageId: string,
  reactions: readonly ZoomReaction[],
  previousSha256: string | null,
): string {
  return sha256Hex(
    canonicalJson({
      message_id: normaliseMessageId(messageId),
      previous_sha256: previousSha256,
      reactions: sortedReactions(reactions),
    }),
  );
}

function sortedReactions(reactions: readonly ZoomReaction[]) {
  return reactions
    .map((r) => ({
      emoji: r.emoji,
      total_count: r.total_count ?? null,
      user_ids: [...(r.user_ids ?? [])].sort(),
      member_ids: [...(r.member_ids ?? [])].sort(),
    }))
    .sort((a, b) => (a.emoji < b.emoji ? -1 : a.emoji > b.emoji ? 1 : 0));
}
