import { str, type Query } from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import type { MessageView, TenantService } from '../tenant/tenant.service.js';
import type { ChannelSettings, MemberRole, TenantChannel, TenantSession, TenantUser } from '../tenant/tenant-model.js';
import { SEND_TARGET_ERRORS, sendFailed } from './message-errors.js';

/** The conversation a `to_contact` / `to_channel` pair names, from the acting user's side. */
export interface MessageTarget {
  readonly channel?: TenantChannel;
  readonly contact?: TenantUser;
  /** Undefined for a 1:1 conversation that has no message yet. */
  readonly session?: TenantSession;
  /** The XMPP address of the conversation, for message links. */
  readonly jid: string;
}

/** Each endpoint words "no target" and "not your conversation" differently (REFERENCE §3 "Chat messages"). */
export interface TargetErrors {
  readonly missing: ZoomError;
  readonly forbidden: ZoomError;
}

export interface TargetParams {
  readonly toContact?: string;
  readonly toChannel?: string;
}

export function targetParams(source: Query): TargetParams {
  return { toContact: str(source, 'to_contact') || undefined, toChannel: str(source, 'to_channel') || undefined };
}

export function hasTarget(params: TargetParams): boolean {
  return params.toContact !== undefined || params.toChannel !== undefined;
}

/**
 * Resolves the conversation; `to_channel` wins when both are given. A 1:1 session is not created
 * here: sending does that, once the request is known to be valid.
 */
export function resolveTarget(
  tenant: TenantService,
  acting: TenantUser,
  params: TargetParams,
  errors: TargetErrors,
): MessageTarget {
  if (params.toChannel !== undefined) {
    const channel = tenant.channel(params.toChannel);
    if (!channel) throw ZoomError.channelNotFound(params.toChannel);
    if (!channel.members.has(acting.idx)) throw errors.forbidden;
    return {
      channel,
      session: tenant.dir.sessions[channel.sessionIdx],
      jid: `${channel.id}@conference.xmpp.zoom.us`,
    };
  }
  if (params.toContact === undefined) throw errors.missing;
  const contact = tenant.user(params.toContact);
  if (!contact || contact.isBot) throw ZoomError.userNotFound(params.toContact);
  return {
    contact,
    session: tenant.oneToOneSession(acting.idx, contact.idx, false),
    // Other accounts' user ids stay hidden (§7.2), so their address uses the member id.
    jid: `${(contact.id || contact.memberId).toLowerCase()}@xmpp.zoom.us`,
  };
}

/** The conversation of a send (#16, #14); channels may restrict who posts (§2 `posting_permissions`). */
export function postingTarget(tenant: TenantService, acting: TenantUser, params: TargetParams): MessageTarget {
  const target = resolveTarget(tenant, acting, params, SEND_TARGET_ERRORS);
  const channel = target.channel;
  if (channel && !mayPost(channel.settings, channel.members.get(acting.idx), acting)) throw sendFailed();
  return target;
}

function mayPost(settings: ChannelSettings, role: MemberRole | undefined, acting: TenantUser): boolean {
  if (settings.posting_permissions === 1 || role === 'owner' || role === 'admin') return true;
  return (
    settings.posting_permissions === 3 &&
    settings.designated_posting_members.some((m) => m.member_id === acting.memberId)
  );
}

/** The session to post into: a 1:1 conversation starts with its first message, as in Zoom. */
export function openSession(tenant: TenantService, acting: TenantUser, target: MessageTarget): TenantSession {
  if (target.session) return target.session;
  return tenant.oneToOneSession(acting.idx, target.contact!.idx, true)!;
}

/** A live (not deleted) message of the target conversation, by id in any casing, with or without braces. */
export function findTargetMessage(
  tenant: TenantService,
  target: MessageTarget,
  messageId: string,
): MessageView | undefined {
  if (!target.session) return undefined;
  const view = tenant.findMessage(messageId);
  if (!view || view.deleted || view.message.sessionIdx !== target.session.idx) return undefined;
  return view;
}
