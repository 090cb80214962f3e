import { isoSeconds } from '../gateway/params.util.js';
import type { MessageView, TenantService } from '../tenant/tenant.service.js';
import type { TenantSession } from '../tenant/tenant-model.js';

type Json = Record<string, unknown>;

/** The sender's email, already empty for people outside the account who are not contacts (REFERENCE §7.2). */
function senderEmail(tenant: TenantService, view: MessageView): string {
  return tenant.dir.users[view.message.senderIdx]?.email ?? '';
}

/**
 * An item of #6: the IM vocabulary `1:1`/`Group` and key `session_id` (REFERENCE §7.4). The report
 * #2 that replaced this endpoint leaves 1:1 names empty (REFERENCE §3 #2); IM does the same.
 */
export function imSessionJson(tenant: TenantService, session: TenantSession, lastMs: number): Json {
  const group = session.kind === 'channel';
  return {
    session_id: session.id,
    type: group ? 'Group' : '1:1',
    name: group ? tenant.dir.channels[session.channelIdx].name : '',
    last_message_sent_time: isoSeconds(lastMs),
  };
}

/**
 * An item of #5. `action`/`action_time` are undocumented (REFERENCE §3 #5: Postman shows only
 * "read"/"unread" placeholders). The emulator reports a message's latest modification — "edit" or
 * "delete" — with its time, and omits both for unmodified messages. Deleted messages are not listed,
 * so in practice only "edit" appears.
 */
export function imMessageJson(tenant: TenantService, view: MessageView): Json {
  const body: Json = {
    message: view.current.text,
    sender: senderEmail(tenant, view),
    date_time: isoSeconds(view.message.timestamp),
  };
  const latest = view.versions[view.versions.length - 1];
  if (latest.kind !== 'original') {
    body.action = latest.kind === 'deleted' ? 'delete' : 'edit';
    body.action_time = isoSeconds(latest.at);
  }
  return body;
}

/** An item of #3 (REFERENCE §3 #3; the older spec's `timstamp` typo is not reproduced). */
export function imUserMessageJson(tenant: TenantService, view: MessageView): Json {
  return {
    id: view.message.id,
    message: view.current.text,
    sender: senderEmail(tenant, view),
    date_time: isoSeconds(view.message.timestamp),
    timestamp: view.message.timestamp,
  };
}
