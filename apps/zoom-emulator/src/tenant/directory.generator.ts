import { createHash } from 'node:crypto';
import { Rng, randomChars, randomHex } from './prng.util.js';
import type { ChannelSettings, MemberRole, TenantChannel, TenantSession, TenantUser } from './tenant-model.js';
import type { TenantProfile } from './tenant-profile.js';
import { DEPARTMENTS, FIRST_NAMES, JOB_TITLES, LAST_NAMES, LOCATIONS, channelName } from './text.util.js';

/** Domains of the generated tenant. */
export const ACCOUNT_DOMAIN = 'example.com';
export const PARTNER_DOMAIN = 'partner.example.org';

const BOT_COUNT = 2;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface Directory {
  users: TenantUser[];
  channels: TenantChannel[];
  sessions: TenantSession[];
}

function sessionId(seed: number, key: string): string {
  return createHash('sha256').update(`${seed}:${key}`).digest('hex');
}

export function makeUser(seed: number, idx: number, external: boolean, bot = false): TenantUser {
  const rng = new Rng(seed, 1, idx);
  const firstName = bot ? 'Bot' : rng.pick(FIRST_NAMES);
  const lastName = bot ? `#${idx}` : rng.pick(LAST_NAMES);
  const local = `${firstName}.${lastName}.${idx}`
    .normalize('NFD')
    .replace(/[^A-Za-z0-9.]/g, '')
    .toLowerCase();
  const internalId = randomChars(rng, 22);
  const contact = external && rng.chance(0.5);
  const visible = (!external || contact) && !bot;
  return {
    idx,
    id: external || bot ? '' : internalId,
    internalId,
    memberId: randomChars(rng, 44, ALNUM),
    email: visible ? `${local}@${external ? PARTNER_DOMAIN : ACCOUNT_DOMAIN}` : '',
    firstName: visible ? firstName : '',
    lastName: visible ? lastName : '',
    displayName: `${firstName} ${lastName}`,
    external,
    contact,
    dept: external ? '' : rng.pick(DEPARTMENTS),
    jobTitle: external ? '' : rng.pick(JOB_TITLES),
    location: external ? '' : rng.pick(LOCATIONS),
    phoneNumber: `+1 ${rng.int(200, 999)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`,
    presence: rng.pick(['Do_Not_Disturb', 'Away', 'Available', 'Offline'] as const),
    status: rng.chance(0.05) ? 'inactive' : 'active',
    isBot: bot,
  };
}

export function defaultChannelSettings(type: number): ChannelSettings {
  return {
    add_member_permissions: 1,
    new_members_can_see_previous_messages_files: true,
    posting_permissions: 1,
    mention_all_permissions: 1,
    allow_to_add_external_users: type === 4 ? 1 : 0,
    designated_posting_members: [],
  };
}

/** Heavy-tailed activity: a few busy conversations, many quiet ones. */
function activityWeight(rng: Rng): number {
  return 1 / Math.pow(1 - rng.next() * 0.98, 0.9);
}

export function generateDirectory(seed: number, profile: TenantProfile): Directory {
  const users: TenantUser[] = [];
  for (let i = 0; i < profile.users; i++) users.push(makeUser(seed, i, false));
  for (let i = 0; i < profile.externalUsers; i++) users.push(makeUser(seed, users.length, true));
  const internal = users.filter((u) => !u.external);
  const external = users.filter((u) => u.external);
  for (let i = 0; i < BOT_COUNT; i++) users.push(makeUser(seed, users.length, false, true));

  const channels: TenantChannel[] = [];
  const sessions: TenantSession[] = [];
  const weights: number[] = [];
  const addSession = (kind: TenantSession['kind'], channelIdx: number, peers: [number, number] | null, rng: Rng) => {
    const idx = sessions.length;
    weights.push(activityWeight(rng) * (kind === 'channel' ? 3 : 1));
    sessions.push({
      idx,
      id: sessionId(seed, `${kind}:${idx}`),
      kind,
      channelIdx,
      peers,
      rate: 0,
      createdAt: 0,
      bracedIds: rng.chance(0.1),
    });
    return idx;
  };

  const channelCount = profile.channels + profile.groupChats;
  for (let c = 0; c < channelCount; c++) {
    const rng = new Rng(seed, 2, c);
    // Types 1, 2, 3, 5 are channels; type 4 is an instant group chat.
    const type = c >= profile.channels ? 4 : rng.pick<TenantChannel['type']>([1, 2, 3, 3, 5]);
    const size = Math.min(
      internal.length,
      type === 4 ? rng.int(3, 6) : rng.int(3, Math.max(4, Math.min(40, internal.length))),
    );
    const members = new Map<number, MemberRole>();
    const start = rng.int(0, internal.length - 1);
    for (let k = 0; members.size < size; k++) {
      members.set(internal[(start + k * 7) % internal.length].idx, members.size === 0 ? 'owner' : 'member');
    }
    if ((type === 5 || type === 4 || rng.chance(0.3)) && external.length > 0) {
      members.set(rng.pick(external).idx, 'member');
    }
    const memberIdx = [...members.keys()];
    if (memberIdx.length > 2 && rng.chance(0.5)) members.set(memberIdx[1], 'admin');
    const idx = channels.length;
    const sessionIdx = addSession('channel', idx, null, rng);
    channels.push({
      idx,
      id: randomHex(rng, 32),
      name:
        type === 4
          ? `${users[memberIdx[0]].firstName}, ${users[memberIdx[1]].firstName} +${memberIdx.length - 2}`
          : channelName(rng, idx),
      type,
      members,
      settings: defaultChannelSettings(type),
      deleted: false,
      createdAt: 0,
      sessionIdx,
    });
  }

  const pairs = new Set<string>();
  for (let k = 0; pairs.size < profile.oneToOnes && k < profile.oneToOnes * 20; k++) {
    const rng = new Rng(seed, 3, k);
    const a = rng.pick(internal).idx;
    const b = rng.chance(0.15) && external.length > 0 ? rng.pick(external).idx : rng.pick(internal).idx;
    if (a === b) continue;
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    addSession('oneToOne', -1, [Math.min(a, b), Math.max(a, b)], rng);
  }

  // Scale the weights so the whole history holds about profile.messages messages (weekends are quieter).
  const weekdayShare = (5 + 2 * WEEKEND_FACTOR) / 7;
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const perDay = profile.messages / (profile.historyDays * weekdayShare);
  return {
    users,
    channels,
    sessions: sessions.map((s, i) => ({ ...s, rate: (weights[i] / totalWeight) * perDay })),
  };
}

export const WEEKEND_FACTOR = 0.3;
