import { isoSeconds } from '../gateway/params.util.js';
import type { MessageView, TenantService } from '../tenant/tenant.service.js';
import type { TenantChannel } from '../tenant/tenant-model.js';

/** Everything the emulated Zoom knows about one message: every version, the deletion, reactions, files. */
export function groundTruthMessage(tenant: TenantService, view: MessageView, fileHashes: boolean) {
  const m = view.message;
  const session = tenant.dir.sessions[m.sessionIdx];
  const sender = tenant.dir.users[m.senderIdx];
  const files = new Map(view.versions.flatMap((v) => v.files).map((f) => [f.fileId, f]));
  return {
    session_id: session.id,
    session_type: session.peers ? '1:1' : 'Group',
    channel_id: session.peers ? null : tenant.dir.channels[session.channelIdx].id,
    id: m.id,
    date_time: isoSeconds(m.timestamp),
    timestamp: m.timestamp,
    sender_member_id: sender.memberId,
    sender_email: sender.email,
    sender_external: sender.external,
    is_bot: m.bot !== null,
    reply_main_message_id: m.replyTo?.id ?? null,
    versions: view.versions.map((v) => ({
      kind: v.kind,
      message: v.text,
      action_timestamp: v.at,
      file_ids: v.files.map((f) => f.fileId),
    })),
    deleted_at: view.deleted ? view.versions[view.versions.length - 1].at : null,
    reactions: view.reactions.map((r) => ({
      emoji: r.emoji,
      member_ids: r.users.map((idx) => tenant.dir.users[idx].memberId),
    })),
    files: [...files.values()].map((f) => ({
      file_id: f.fileId,
      file_name: f.fileName,
      file_size: f.fileSize,
      ...(fileHashes ? { sha256: tenant.fileSha256(f) } : {}),
    })),
  };
}

/**
 * A channel (deleted ones included) with its current members in join order, each as Zoom's member list
 * shows them to an account app (other-account people without user id, REFERENCE §2, §7.2).
 */
export function groundTruthChannel(tenant: TenantService, channel: TenantChannel) {
  return {
    id: channel.id,
    name: channel.name,
    type: channel.type,
    deleted: channel.deleted,
    session_id: tenant.dir.sessions[channel.sessionIdx]?.id ?? null,
    members: [...channel.members].map(([idx, role]) => {
      const user = tenant.dir.users[idx];
      return {
        member_id: user.memberId,
        user_id: user.id,
        email: user.email,
        role,
        is_external: user.external,
      };
    }),
  };
}
