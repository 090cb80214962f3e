import { parseDateTime, str, type Query } from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import type { TenantService } from '../tenant/tenant.service.js';
import type { AtItem, FileRef, RichTextItem, TenantSession, TenantUser } from '../tenant/tenant-model.js';
import { fileNotFound, notAMainMessage } from './message-errors.js';

const MAX_MESSAGE_LENGTH = 1024;
const MAX_FILE_IDS = 6;
const MINUTE = 60_000;
const DAY = 86_400_000;

const FORMAT_TYPES = new Set([
  'Bold',
  'Italic',
  'Strikethrough',
  'BulletedList',
  'NumberedList',
  'Underline',
  'FontSize',
  'FontColor',
  'BackgroundColor',
  'LeftIndent',
  'Paragraph',
  'Quote',
  'AddLink',
]);
/** The OpenAPI doc requires `format_attr` for these format types only. */
const NEEDS_ATTR = new Set(['FontSize', 'FontColor', 'BackgroundColor', 'LeftIndent', 'Paragraph', 'AddLink']);

/** A JSON body as an object; an absent body reads as `{}` so required fields report themselves. */
export function bodyObject(body: unknown): Query {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw ZoomError.badRequest('Request Body should be a valid JSON object.');
  }
  return body as Query;
}

export function messageText(body: Query, required: boolean): string | undefined {
  const text = str(body, 'message');
  if (text === undefined && required) throw ZoomError.validation('message', 'message is required.');
  if (text !== undefined && text.length > MAX_MESSAGE_LENGTH) {
    throw ZoomError.validation('message', `message must not be longer than ${MAX_MESSAGE_LENGTH} characters.`);
  }
  return text;
}

export function fileIds(body: Query): string[] | undefined {
  const ids = body.file_ids;
  if (ids === undefined) return undefined;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw ZoomError.validation('file_ids');
  if (ids.length > MAX_FILE_IDS) {
    throw ZoomError.validation('file_ids', `file_ids accepts at most ${MAX_FILE_IDS} file IDs.`);
  }
  return ids as string[];
}

/** Only files the acting user uploaded (#17) can be attached (REFERENCE §3 #13: 5404). */
export function ownFiles(tenant: TenantService, acting: TenantUser, ids: readonly string[]): FileRef[] {
  return ids.map((id) => {
    const ref = tenant.uploadedFile(id, acting.idx);
    if (!ref) throw fileNotFound(id);
    return ref;
  });
}

function arrayField(body: Query, name: string): Query[] {
  const value = body[name];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => !v || typeof v !== 'object' || Array.isArray(v))) {
    throw ZoomError.validation(name);
  }
  return value as Query[];
}

function position(item: Query, field: string, path: string): number {
  const value = item[field];
  if (!Number.isInteger(value) || (value as number) < 0) throw ZoomError.validation(`${path}.${field}`);
  return value as number;
}

/** Mentions name people by email, user id or member id; stored as Zoom lists them (§2 AtItem). */
export function atItems(tenant: TenantService, body: Query): AtItem[] {
  return arrayField(body, 'at_items').map((item, i) => {
    const path = `at_items[${i}]`;
    const type = item.at_type;
    if (type !== 1 && type !== 2) throw ZoomError.validation(`${path}.at_type`);
    const start = position(item, 'start_position', path);
    const end = position(item, 'end_position', path);
    if (type === 2)
      return { at_contact: '', at_contact_member_id: '', at_type: 2, start_position: start, end_position: end };
    const contact = str(item, 'at_contact');
    if (!contact) throw ZoomError.validation(`${path}.at_contact`, 'at_contact is required when at_type is 1.');
    const user = tenant.user(contact);
    if (!user || user.isBot) throw ZoomError.userNotFound(contact);
    return {
      at_contact: user.id,
      at_contact_member_id: user.memberId,
      at_type: 1,
      start_position: start,
      end_position: end,
    };
  });
}

export function richText(body: Query): RichTextItem[] {
  return arrayField(body, 'rich_text').map((item, i) => {
    const path = `rich_text[${i}]`;
    const type = item.format_type;
    if (typeof type !== 'string' || !FORMAT_TYPES.has(type)) throw ZoomError.validation(`${path}.format_type`);
    const attr = str(item, 'format_attr');
    if (NEEDS_ATTR.has(type) && !attr) {
      throw ZoomError.validation(`${path}.format_attr`, `format_attr is required for ${type}.`);
    }
    return {
      start_position: position(item, 'start_position', path),
      end_position: position(item, 'end_position', path),
      format_type: type,
      ...(attr ? { format_attr: attr } : {}),
    };
  });
}

/** A scheduled send must lie more than 30 minutes and at most 180 days ahead (REFERENCE §3 #16). */
export function scheduledTime(body: Query, now: number): number | undefined {
  const at = parseDateTime(body, 'scheduled_time');
  if (at === undefined) return undefined;
  if (at - now <= 30 * MINUTE || at - now > 180 * DAY) {
    throw ZoomError.badRequest(
      'Invalid parameter: send_time. The time requirement is more than 30 minutes from now and within 180 days.',
    );
  }
  return at;
}

/** A thread parent must be a live main message of the same conversation (REFERENCE §3 #16: 5402). */
export function replyParent(
  tenant: TenantService,
  session: TenantSession | undefined,
  id: string | undefined,
): { id: string; timestamp: number } | null {
  if (!id) return null;
  const parent = tenant.findMessage(id);
  if (!parent || parent.deleted || !session || parent.message.sessionIdx !== session.idx || parent.message.replyTo) {
    throw notAMainMessage();
  }
  return { id: parent.message.id, timestamp: parent.message.timestamp };
}
