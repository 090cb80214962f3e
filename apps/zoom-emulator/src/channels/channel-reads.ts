import { pageSize, paginateList } from '../gateway/params.util.js';
import type { PageTokenStore } from '../pagination/page-token.store.js';
import type { ZoomRequest } from '../gateway/zoom-request.js';
import type { TenantService } from '../tenant/tenant.service.js';
import type { TenantChannel, TenantUser } from '../tenant/tenant-model.js';
import { requireMember } from './channel-access.util.js';
import { channelJson, memberJson } from './channel-json.mapper.js';
import { memberEntries } from './channel-members.util.js';

export interface ReadContext {
  readonly tenant: TenantService;
  readonly pages: PageTokenStore;
  readonly req: ZoomRequest;
}

/** ChannelList of #27 and #40, ordered by creation (REFERENCE §2). */
export function channelListJson(ctx: ReadContext, channels: TenantChannel[]): Record<string, unknown> {
  const size = pageSize(ctx.req.query, ctx.req.zoom.endpoint);
  const page = paginateList(ctx.pages, ctx.req, size, channels, (c) => c.idx);
  return {
    channels: page.items.map((c) => channelJson(c)),
    next_page_token: page.nextPageToken,
    page_size: size,
    total_records: channels.length,
  };
}

/** Members of #19 and #35: only a member may list them. */
export function memberListJson(
  ctx: ReadContext,
  channel: TenantChannel,
  actor: TenantUser,
  deniedMessage: string,
): Record<string, unknown> {
  const size = pageSize(ctx.req.query, ctx.req.zoom.endpoint);
  requireMember(channel, actor, deniedMessage);
  const entries = memberEntries(ctx.tenant, channel);
  const page = paginateList(ctx.pages, ctx.req, size, entries, (e) => e.seq);
  return {
    members: page.items.map((e) => memberJson(e.user, e.role)),
    next_page_token: page.nextPageToken,
    page_size: size,
    total_records: entries.length,
  };
}

/** Administrators of #21 (owner included), without total_records as in Zoom's schema. */
export function adminListJson(
  ctx: ReadContext,
  channel: TenantChannel,
  actor: TenantUser,
  deniedMessage: string,
): Record<string, unknown> {
  const size = pageSize(ctx.req.query, ctx.req.zoom.endpoint);
  requireMember(channel, actor, deniedMessage);
  const admins = memberEntries(ctx.tenant, channel).filter((e) => e.role !== 'member');
  const page = paginateList(ctx.pages, ctx.req, size, admins, (e) => e.seq);
  return {
    admins: page.items.map((e) => memberJson(e.user, e.role)),
    next_page_token: page.nextPageToken,
    page_size: size,
  };
}
