import { type Query, str } from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import type { ChannelSettings, TenantChannel } from '../tenant/tenant-model.js';

export type Body = Record<string, unknown>;

/** Writable settings of create/update requests; `allow_to_add_external_users` is response-only (REFERENCE §2). */
export type SettingsPatch = Partial<
  Pick<
    ChannelSettings,
    | 'add_member_permissions'
    | 'new_members_can_see_previous_messages_files'
    | 'posting_permissions'
    | 'mention_all_permissions'
  >
> & { designated?: string[] };

const NAME_MAX = 256;

export function objectBody(body: unknown): Body {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw ZoomError.badRequest('Request Body should be a valid JSON object.');
  }
  return body as Body;
}

function oneOf<T>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T))
    throw ZoomError.validation(field, `${field} must be one of ${allowed.join(', ')}.`);
  return value as T;
}

export function channelName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw ZoomError.validation('name', 'name is required.');
  if (value.length > NAME_MAX) throw ZoomError.validation('name', `name must not exceed ${NAME_MAX} characters.`);
  return value;
}

export function channelType<T extends TenantChannel['type']>(value: unknown, allowed: readonly T[]): T {
  return oneOf(value, allowed, 'type');
}

function array(body: Body, field: string, min: number, max: number): unknown[] {
  const value = body[field];
  if (!Array.isArray(value) || value.length < min) {
    throw ZoomError.validation(field, `${field} must hold at least ${min} item(s).`);
  }
  if (value.length > max) throw ZoomError.validation(field, `${field} must not hold more than ${max} items.`);
  return value;
}

function itemField(item: unknown, field: string): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const value = (item as Body)[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `members: [{email}]` of create (0..20) and invite (1..20, or 1..5 at user level). */
export function memberEmails(body: Body, min: number, max: number): string[] {
  if (body.members === undefined && min === 0) return [];
  return array(body, 'members', min, max).map((item, i) => {
    const email = itemField(item, 'email');
    if (!email) throw ZoomError.validation(`members[${i}].email`, 'email is required.');
    return email;
  });
}

/** `admins: [{email} | {member_id}]`, 1..10 (REFERENCE §3 #22). */
export function adminIdentifiers(body: Body): string[] {
  return array(body, 'admins', 1, 10).map((item, i) => {
    const identifier = itemField(item, 'email') ?? itemField(item, 'member_id');
    if (!identifier) throw ZoomError.validation(`admins[${i}]`, 'email or member_id is required.');
    return identifier;
  });
}

/**
 * The ids of a batch query (`admin_ids`/`user_ids`, `member_ids`/`user_ids`): both are marked required
 * in Zoom's spec, yet either alone is accepted (REFERENCE §3 #23, §7.12). Duplicates count once.
 */
export function batchIds(query: Query, names: readonly [string, string]): string[] {
  const ids = names.flatMap((name) => (str(query, name) ?? '').split(',')).map((id) => id.trim());
  const unique = [...new Set(ids.filter((id) => id !== ''))];
  if (unique.length === 0) throw ZoomError.validation(names[0], `${names[0]} or ${names[1]} is required.`);
  return unique;
}

/** `channel_settings` of create/update; designated posting members only on update. */
export function settingsPatch(value: unknown, allowDesignated: boolean): SettingsPatch {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw ZoomError.validation('channel_settings');
  const s = value as Body;
  const patch: SettingsPatch = {};
  const field = (name: string) => `channel_settings.${name}`;
  if (s.add_member_permissions !== undefined)
    patch.add_member_permissions = oneOf(s.add_member_permissions, [1, 2] as const, field('add_member_permissions'));
  if (s.new_members_can_see_previous_messages_files !== undefined)
    patch.new_members_can_see_previous_messages_files = oneOf(
      s.new_members_can_see_previous_messages_files,
      [true, false],
      field('new_members_can_see_previous_messages_files'),
    );
  if (s.posting_permissions !== undefined)
    patch.posting_permissions = oneOf(s.posting_permissions, [1, 2, 3] as const, field('posting_permissions'));
  if (s.mention_all_permissions !== undefined)
    patch.mention_all_permissions = oneOf(
      s.mention_all_permissions,
      [1, 2, 3] as const,
      field('mention_all_permissions'),
    );
  if (allowDesignated && s.designated_posting_members !== undefined) patch.designated = designated(s);
  return patch;
}

function designated(s: Body): string[] {
  const field = 'channel_settings.designated_posting_members';
  if (!Array.isArray(s.designated_posting_members)) throw ZoomError.validation(field);
  return s.designated_posting_members.map((item, i) => {
    const identifier = itemField(item, 'user_id') ?? itemField(item, 'member_id');
    if (!identifier) throw ZoomError.validation(`${field}[${i}]`, 'user_id or member_id is required.');
    return identifier;
  });
}
