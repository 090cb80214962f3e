import { fileJson } from '../files/file-json.util.js';
import { isoSeconds } from '../gateway/params.util.js';
import type { MessageView, TenantService } from '../tenant/tenant.service.js';
import type { MessageVersion, TenantSession } from '../tenant/tenant-model.js';

/** A report row for one version of a message: the send (messages[]), an edit or the deletion. */
export function reportRow(
  tenant: TenantService,
  session: TenantSession,
  view: MessageView,
  version: MessageVersion,
  publicUrl: string,
) {
  const m = view.message;
  const sender = tenant.dir.users[m.senderIdx];
  const row: Record<string, unknown> = {
    id: m.id,
    message: version.text,
    date_time: isoSeconds(m.timestamp),
    timestamp: m.timestamp,
    action_timestamp: version.at,
    sender: sender.email,
    sender_member_id: sender.memberId,
    sender_display_name: sender.isBot && m.bot ? m.bot.source : sender.displayName,
  };
  if (session.peers && m.receiverIdx !== null) {
    row.receiver = tenant.dir.users[m.receiverIdx].email;
    row.is_sender_external = sender.external;
  }
  if (m.replyTo) {
    row.reply_main_message_id = m.replyTo.id;
    row.reply_main_message_timestamp = m.replyTo.timestamp;
  }
  if (m.forwardId) row.forward_id = m.forwardId;
  if (version.files.length) row.files = version.files.map((f) => fileJson(f, m.id, publicUrl));
  if (m.giphy.length) row.giphy_information = m.giphy.map((url) => ({ giphy_view_url: url }));
  if (m.richText.length) row.rich_text = m.richText;
  return row;
}

/** Reactions as the report shows them: user ids of same-account people only, member ids of all. */
export function reactionsJson(tenant: TenantService, view: MessageView) {
  return view.reactions.map((r) => {
    const users = r.users.map((idx) => tenant.dir.users[idx]);
    return {
      emoji: r.emoji,
      total_count: users.length,
      user_ids: users.filter((u) => u.id !== '').map((u) => u.id),
      member_ids: users.map((u) => u.memberId),
    };
  });
}

/** A session of the sessions report. Group sessions are channels and group chats. */
export function sessionJson(tenant: TenantService, session: TenantSession, lastMessage: number) {
  const base = { id: session.id, last_message_sent_time: isoSeconds(lastMessage) };
  if (session.peers) {
    const [a, b] = session.peers.map((idx) => tenant.dir.users[idx]);
    return {
      ...base,
      type: '1:1',
      name: '',
      member_emails: [a.email, b.email],
      has_external_member: a.external || b.external,
    };
  }
  const channel = tenant.dir.channels[session.channelIdx];
  return {
    ...base,
    type: 'Group',
    name: channel.name,
    channel_id: channel.id,
    status: channel.deleted ? 'deleted' : 'active',
    has_external_member: [...channel.members.keys()].some((idx) => tenant.dir.users[idx].external),
  };
}
