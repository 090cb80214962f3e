import type { ChannelMemberRow, ChannelRow, ZoomChannelInput, ZoomChannelMemberInput } from './channel.types.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The channel row of a "Get a channel" answer, keyed on the id the job asked for. */
export function mapChannel(channelId: string, channel: ZoomChannelInput): ChannelRow {
  return {
    id: channelId,
    name: text(channel.name),
    type: typeof channel.type === 'number' ? channel.type : null,
    settings: channel.channel_settings ?? null,
  };
}

/** The display name Zoom shows, else first and last names (blank for anonymised people, REFERENCE §7.2). */
function displayName(member: ZoomChannelMemberInput): string {
  const name = text(member.name).trim();
  if (name) return name;
  return [text(member.first_name), text(member.last_name)].filter(Boolean).join(' ').trim();
}

/**
 * Member rows of one page, keyed on member_id (people from other accounts come back with an empty user id
 * and email, never an empty member id). A member without any id cannot be keyed and is left out; one listed
 * twice on a page keeps its last entry, as ON CONFLICT cannot touch a row twice in one statement.
 */
export function mapChannelMembers(members: readonly ZoomChannelMemberInput[]): {
  rows: ChannelMemberRow[];
  unkeyed: number;
} {
  const byId = new Map<string, ChannelMemberRow>();
  let unkeyed = 0;
  for (const m of members) {
    const memberId = text(m.member_id) || text(m.id);
    if (!memberId) {
      unkeyed++;
      continue;
    }
    byId.set(memberId, {
      memberId,
      userId: text(m.id),
      email: text(m.email),
      displayName: displayName(m),
      role: text(m.role) || 'member',
      isExternal: m.is_external === true,
    });
  }
  return { rows: [...byId.values()], unkeyed };
}
