import { ZoomError } from '../gateway/zoom-error.js';
import type { TenantService } from '../tenant/tenant.service.js';
import type { ChannelSettings, TenantChannel, TenantUser } from '../tenant/tenant-model.js';
import { requireManager } from './channel-access.util.js';
import {
  type Body,
  type SettingsPatch,
  channelName,
  channelType,
  memberEmails,
  objectBody,
  settingsPatch,
} from './channel-body.util.js';
import { invitees } from './channel-membership.js';

const NAME_TAKEN = 'The channel name already exists.';
const CREATE_FAILED = 'Request to create a channel failed.';
const UPDATE_FAILED = 'Request to update a channel failed.';

/** Names are unique among the channels of the person creating or renaming (REFERENCE §3 #28, #26). */
function nameTaken(tenant: TenantService, user: TenantUser, name: string, except?: TenantChannel): boolean {
  return tenant.channelsOf(user.idx).some((c) => c !== except && c.name === name);
}

/** The emulated account has no shared spaces, so any given space is unknown (REFERENCE §3 #28). */
function rejectSharedSpace(b: Body): void {
  if (b.shared_space === undefined) return;
  const space = b.shared_space as Body | null;
  if (!space || typeof space !== 'object' || typeof space.space_id !== 'string' || space.space_id === '') {
    throw ZoomError.validation('shared_space.space_id', 'space_id is required.');
  }
  throw new ZoomError(404, 5407, 'Shared space does not exist.');
}

/** #28: the owner first, then the invited people in body order. */
export function createChannel(tenant: TenantService, owner: TenantUser, body: unknown): TenantChannel {
  const b = objectBody(body);
  const name = channelName(b.name);
  const type = channelType(b.type, [1, 2, 3, 4] as const);
  const emails = memberEmails(b, 0, 20);
  const patch = settingsPatch(b.channel_settings, false);
  rejectSharedSpace(b);
  if (nameTaken(tenant, owner, name)) throw ZoomError.badRequest(NAME_TAKEN);
  const members = invitees(tenant, emails, type, CREATE_FAILED);
  const channel = tenant.createChannel(
    owner.idx,
    name,
    type,
    members.map((u) => u.idx),
  );
  channel.settings = applySettings(channel.settings, patch, []);
  return channel;
}

function applySettings(
  current: ChannelSettings,
  patch: SettingsPatch,
  designated: ChannelSettings['designated_posting_members'],
): ChannelSettings {
  const { designated: _ignored, ...plain } = patch;
  return { ...current, ...plain, designated_posting_members: designated };
}

/**
 * Designated posting members only mean something with posting_permissions 3; switching away clears
 * them (REFERENCE §2 ChannelSettings, §3 #26).
 */
function designatedMembers(
  tenant: TenantService,
  channel: TenantChannel,
  patch: SettingsPatch,
): ChannelSettings['designated_posting_members'] {
  const posting = patch.posting_permissions ?? channel.settings.posting_permissions;
  if (patch.designated === undefined) return posting === 3 ? channel.settings.designated_posting_members : [];
  if (posting !== 3) {
    throw ZoomError.validation(
      'channel_settings.designated_posting_members',
      'designated_posting_members requires posting_permissions 3.',
    );
  }
  const seen = new Set<number>();
  return patch.designated.flatMap((identifier) => {
    const user = tenant.user(identifier);
    if (!user || !channel.members.has(user.idx)) throw ZoomError.badRequest(UPDATE_FAILED, 5301);
    if (seen.has(user.idx)) return [];
    seen.add(user.idx);
    return [{ member_id: user.memberId, user_id: user.id }];
  });
}

/** #26 / #39: owner or administrator only; a group chat (type 4) cannot become a channel. */
export function updateChannel(
  tenant: TenantService,
  channel: TenantChannel,
  actor: TenantUser,
  body: unknown,
  deniedMessage: string,
): void {
  const b = objectBody(body);
  const name = b.name === undefined ? undefined : channelName(b.name);
  const type = b.type === undefined ? undefined : channelType(b.type, [1, 2, 3, 5] as const);
  const patch = settingsPatch(b.channel_settings, true);
  requireManager(channel, actor, deniedMessage, 403);
  if (type !== undefined && channel.type === 4) {
    throw ZoomError.badRequest(UPDATE_FAILED, 5301);
  }
  if (name !== undefined && nameTaken(tenant, actor, name, channel)) throw ZoomError.badRequest(NAME_TAKEN);
  const designated = designatedMembers(tenant, channel, patch);
  channel.settings = applySettings(channel.settings, patch, designated);
  if (name !== undefined) channel.name = name;
  if (type !== undefined) channel.type = type;
}

/** #24 / #37: the report then shows the channel's session as deleted. */
export function deleteChannel(
  tenant: TenantService,
  channel: TenantChannel,
  actor: TenantUser,
  deniedMessage: string,
): void {
  requireManager(channel, actor, deniedMessage);
  tenant.deleteChannel(channel);
}
