import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Readable as ReadableStream } from 'node:stream';
import type { Clock } from '../clock/clock.service.js';
import { type Directory, defaultChannelSettings, generateDirectory } from './directory.generator.js';
import { generatedFileSha256, generatedFileStream } from './file-bytes.util.js';
import { DAY_MS, MAX_MODIFICATION_DELAY_MS, MessageGenerator, dayOf } from './message.generator.js';
import { decodeMessageId } from './message-id.util.js';
import { Rng, randomChars, randomHex } from './prng.util.js';
import type {
  AtItem,
  FileRef,
  MemberRole,
  MessageVersion,
  Reaction,
  RichTextItem,
  TenantChannel,
  TenantMessage,
  TenantSession,
  TenantUser,
} from './tenant-model.js';
import type { TenantProfile } from './tenant-profile.js';

/** A message as it stands at the clock's now: only versions that already happened. */
export interface MessageView {
  readonly message: TenantMessage;
  readonly versions: readonly MessageVersion[];
  readonly reactions: readonly Reaction[];
  readonly deleted: boolean;
  /** The latest text version (the last edit, or the original). */
  readonly current: MessageVersion;
}

export interface Cursor {
  readonly ts: number;
  readonly id: string;
}

interface Overlay {
  /** Generated versions after this instant are dropped: the API changed the message's future. */
  cutoff: number;
  versions: MessageVersion[];
  reactions?: Reaction[];
}

interface UploadedFile {
  ref: FileRef;
  bytes: Buffer;
  ownerIdx: number;
}

const CACHE_LIMIT = 5_000;
const key = (id: string): string => id.replace(/[{}]/g, '').toUpperCase();

/** The emulated Zoom account: a generated directory and message history plus everything the API changed. */
export class TenantService {
  readonly dir: Directory;
  readonly generator: MessageGenerator;
  private readonly usersByKey = new Map<string, TenantUser>();
  private readonly channelsById = new Map<string, TenantChannel>();
  private readonly sessionsById = new Map<string, TenantSession>();
  private readonly oneToOne = new Map<string, number>();
  private readonly sent = new Map<number, Map<number, TenantMessage[]>>();
  private readonly sentById = new Map<string, TenantMessage>();
  private readonly overlays = new Map<string, Overlay>();
  private readonly modifiedBySession = new Map<number, Set<string>>();
  private readonly uploads = new Map<string, UploadedFile>();
  private readonly readState = new Map<string, boolean>();
  private readonly dayCache = new Map<string, TenantMessage[]>();

  constructor(
    readonly seed: number,
    readonly profile: TenantProfile,
    readonly clock: Clock,
  ) {
    this.dir = generateDirectory(seed, profile);
    this.generator = new MessageGenerator(seed, this.dir, profile.maxFileBytes);
    for (const user of this.dir.users) this.indexUser(user);
    for (const channel of this.dir.channels) this.channelsById.set(channel.id, channel);
    for (const session of this.dir.sessions) {
      this.sessionsById.set(session.id, session);
      if (session.peers) this.oneToOne.set(`${session.peers[0]}:${session.peers[1]}`, session.idx);
    }
  }

  now(): number {
    return this.clock.now();
  }

  /** First and last day (inclusive, days since epoch) that hold generated history. */
  historyDays(): [number, number] {
    const today = dayOf(this.now());
    return [today - this.profile.historyDays, today];
  }

  // ---- directory -------------------------------------------------------------------------------

  private indexUser(user: TenantUser): void {
    this.usersByKey.set(user.internalId, user);
    this.usersByKey.set(user.memberId, user);
    if (user.email) this.usersByKey.set(user.email.toLowerCase(), user);
  }

  /** A user by id, member id or email (Zoom accepts any of the three in most places). */
  user(identifier: string): TenantUser | undefined {
    return this.usersByKey.get(identifier) ?? this.usersByKey.get(identifier.toLowerCase());
  }

  accountUsers(): TenantUser[] {
    return this.dir.users.filter((u) => !u.external && !u.isBot);
  }

  /** The account owner, whom `me` names for account-level tokens. */
  owner(): TenantUser {
    return this.dir.users[0];
  }

  channel(id: string): TenantChannel | undefined {
    const channel = this.channelsById.get(id);
    return channel && !channel.deleted ? channel : undefined;
  }

  channelsOf(userIdx: number): TenantChannel[] {
    return this.dir.channels.filter((c) => !c.deleted && c.members.has(userIdx));
  }

  publicChannels(): TenantChannel[] {
    return this.dir.channels.filter((c) => !c.deleted && (c.type === 3 || c.type === 5));
  }

  session(id: string): TenantSession | undefined {
    return this.sessionsById.get(id);
  }

  createChannel(ownerIdx: number, name: string, type: TenantChannel['type'], memberIdx: number[]): TenantChannel {
    const rng = new Rng(this.seed, 50, this.dir.channels.length, this.now());
    const members = new Map<number, MemberRole>([[ownerIdx, 'owner']]);
    for (const idx of memberIdx) if (!members.has(idx)) members.set(idx, 'member');
    const idx = this.dir.channels.length;
    const session = this.addSession('channel', idx, null);
    const channel: TenantChannel = {
      idx,
      id: randomHex(rng, 32),
      name,
      type,
      members,
      settings: defaultChannelSettings(type),
      deleted: false,
      createdAt: this.now(),
      sessionIdx: session.idx,
    };
    this.dir.channels.push(channel);
    this.channelsById.set(channel.id, channel);
    return channel;
  }

  deleteChannel(channel: TenantChannel): void {
    channel.deleted = true;
  }

  /** The 1:1 session of two people, created on first message as Zoom does. */
  oneToOneSession(a: number, b: number, create: boolean): TenantSession | undefined {
    const pair: [number, number] = [Math.min(a, b), Math.max(a, b)];
    const existing = this.oneToOne.get(`${pair[0]}:${pair[1]}`);
    if (existing !== undefined) return this.dir.sessions[existing];
    if (!create) return undefined;
    const session = this.addSession('oneToOne', -1, pair);
    this.oneToOne.set(`${pair[0]}:${pair[1]}`, session.idx);
    return session;
  }

  private addSession(kind: TenantSession['kind'], channelIdx: number, peers: [number, number] | null): TenantSession {
    const idx = this.dir.sessions.length;
    const session: TenantSession = {
      idx,
      id: createHash('sha256').update(`${this.seed}:api:${kind}:${idx}`).digest('hex'),
      kind,
      channelIdx,
      peers,
      rate: 0,
      createdAt: this.now(),
      bracedIds: false,
    };
    this.dir.sessions.push(session);
    this.sessionsById.set(session.id, session);
    return session;
  }

  sessionParticipants(session: TenantSession): number[] {
    return session.peers ? [...session.peers] : [...this.dir.channels[session.channelIdx].members.keys()];
  }

  // ---- messages --------------------------------------------------------------------------------

  private generatedDay(sessionIdx: number, day: number): TenantMessage[] {
    if (this.generator.count(sessionIdx, day) === 0) return [];
    const cacheKey = `${sessionIdx}:${day}`;
    let messages = this.dayCache.get(cacheKey);
    if (!messages) {
      messages = this.generator.generateDay(sessionIdx, day);
      if (this.dayCache.size >= CACHE_LIMIT) this.dayCache.delete(this.dayCache.keys().next().value as string);
      this.dayCache.set(cacheKey, messages);
    }
    return messages;
  }

  private inHistory(day: number): boolean {
    const [first, last] = this.historyDays();
    return day >= first && day <= last;
  }

  /** Every message of a session-day that exists at the clock's now, in send order. */
  dayMessages(sessionIdx: number, day: number): MessageView[] {
    const now = this.now();
    const generated = this.inHistory(day) ? this.generatedDay(sessionIdx, day) : [];
    const sent = this.sent.get(sessionIdx)?.get(day) ?? [];
    const all = sent.length ? [...generated, ...sent].sort(compareMessages) : generated;
    const out: MessageView[] = [];
    for (const message of all) {
      if (message.timestamp > now) continue;
      out.push(this.view(message, now));
    }
    return out;
  }

  view(message: TenantMessage, now = this.now()): MessageView {
    const overlay = this.overlays.get(key(message.id));
    const limit = overlay ? Math.min(overlay.cutoff, now) : now;
    let versions = message.versions.filter((v) => v.at <= limit);
    if (overlay) versions = versions.concat(overlay.versions.filter((v) => v.at <= now));
    const last = versions[versions.length - 1];
    const deleted = last.kind === 'deleted';
    const current = deleted ? (versions[versions.length - 2] ?? versions[0]) : last;
    return { message, versions, reactions: overlay?.reactions ?? message.reactions, deleted, current };
  }

  /** Messages of a session sent in [from, to] (ms, inclusive), after a keyset cursor, up to limit. */
  messagesInRange(
    sessionIdx: number,
    from: number,
    to: number,
    order: 'asc' | 'desc',
    after: Cursor | null,
    limit: number,
    accept: (view: MessageView) => boolean = () => true,
  ): MessageView[] {
    const out: MessageView[] = [];
    const firstDay = dayOf(from);
    const lastDay = dayOf(Math.min(to, this.now()));
    const step = order === 'asc' ? 1 : -1;
    let day = order === 'asc' ? firstDay : lastDay;
    if (after) day = order === 'asc' ? Math.max(day, dayOf(after.ts)) : Math.min(day, dayOf(after.ts));
    for (; order === 'asc' ? day <= lastDay : day >= firstDay; day += step) {
      const views = this.dayMessages(sessionIdx, day);
      if (order === 'desc') views.reverse();
      for (const view of views) {
        const ts = view.message.timestamp;
        if (ts < from || ts > to) continue;
        if (after && step * compareCursor({ ts, id: view.message.id }, after) <= 0) continue;
        if (!accept(view)) continue;
        out.push(view);
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  /** Whether a session has a visible message sent in [from, to]; and the latest one's time. */
  lastMessageInRange(sessionIdx: number, from: number, to: number): number | null {
    const now = this.now();
    const sent = this.sent.get(sessionIdx);
    for (let day = dayOf(Math.min(to, now)); day >= dayOf(from); day--) {
      const generated = this.inHistory(day) && this.generator.count(sessionIdx, day) > 0;
      if (!generated && !sent?.has(day)) continue;
      const dayEnd = (day + 1) * DAY_MS - 1;
      if (!sent?.has(day) && dayEnd <= Math.min(to, now) && day * DAY_MS >= from) {
        const messages = this.generatedDay(sessionIdx, day);
        return messages[messages.length - 1].timestamp;
      }
      const views = this.dayMessages(sessionIdx, day).filter(
        (v) => v.message.timestamp >= from && v.message.timestamp <= to,
      );
      if (views.length) return views[views.length - 1].message.timestamp;
    }
    return null;
  }

  /**
   * Messages of a session with an edit or deletion whose action time is in [from, to], ordered by
   * (send time, id). Generated modifications happen within MAX_MODIFICATION_DELAY_MS of the send;
   * API modifications are tracked per session.
   */
  modifiedInRange(sessionIdx: number, from: number, to: number): MessageView[] {
    const found = new Map<string, MessageView>();
    const hasModification = (view: MessageView) =>
      view.versions.some((v) => v.kind !== 'original' && v.at >= from && v.at <= to);
    for (let day = dayOf(from - MAX_MODIFICATION_DELAY_MS); day <= dayOf(Math.min(to, this.now())); day++) {
      for (const view of this.dayMessages(sessionIdx, day))
        if (hasModification(view)) found.set(key(view.message.id), view);
    }
    for (const id of this.modifiedBySession.get(sessionIdx) ?? []) {
      const view = this.findMessage(id);
      if (view && hasModification(view)) found.set(id, view);
    }
    return [...found.values()].sort((a, b) => compareMessages(a.message, b.message));
  }

  findMessage(id: string): MessageView | undefined {
    const sent = this.sentById.get(key(id));
    if (sent) return sent.timestamp <= this.now() ? this.view(sent) : undefined;
    const c = decodeMessageId(this.seed, id);
    if (!c || c.sessionIdx >= this.dir.sessions.length || !this.inHistory(c.day)) return undefined;
    if (c.index >= this.generator.count(c.sessionIdx, c.day)) return undefined;
    const message = this.generatedDay(c.sessionIdx, c.day)[c.index];
    return message.timestamp <= this.now() ? this.view(message) : undefined;
  }

  sendMessage(input: {
    session: TenantSession;
    senderIdx: number;
    text: string;
    files?: FileRef[];
    replyTo?: { id: string; timestamp: number } | null;
    richText?: RichTextItem[];
    atItems?: AtItem[];
  }): TenantMessage {
    const session = input.session;
    const day = dayOf(this.now());
    const list = this.sent.get(session.idx)?.get(day) ?? [];
    const timestamp = Math.max(this.now(), (list[list.length - 1]?.timestamp ?? 0) + 1);
    const message: TenantMessage = {
      id: randomUUID().toUpperCase(),
      sessionIdx: session.idx,
      senderIdx: input.senderIdx,
      timestamp,
      receiverIdx: session.peers ? (session.peers[0] === input.senderIdx ? session.peers[1] : session.peers[0]) : null,
      replyTo: input.replyTo ?? null,
      forwardId: null,
      richText: input.richText ?? [],
      atItems: input.atItems ?? [],
      giphy: [],
      bot: null,
      versions: [{ kind: 'original', text: input.text, at: timestamp, files: input.files ?? [] }],
      reactions: [],
    };
    if (!this.sent.has(session.idx)) this.sent.set(session.idx, new Map());
    this.sent.get(session.idx)!.set(day, [...list, message]);
    this.sentById.set(key(message.id), message);
    return message;
  }

  private overlayOf(view: MessageView): Overlay {
    const k = key(view.message.id);
    let overlay = this.overlays.get(k);
    if (!overlay) {
      overlay = { cutoff: this.now(), versions: [] };
      this.overlays.set(k, overlay);
    }
    if (!this.modifiedBySession.has(view.message.sessionIdx))
      this.modifiedBySession.set(view.message.sessionIdx, new Set());
    this.modifiedBySession.get(view.message.sessionIdx)!.add(k);
    return overlay;
  }

  private actionTime(view: MessageView): number {
    // Versions keep strictly increasing times, so the order of the history is never ambiguous.
    return Math.max(this.now(), view.versions[view.versions.length - 1].at + 1);
  }

  editMessage(view: MessageView, text: string, files?: FileRef[]): void {
    const overlay = this.overlayOf(view);
    overlay.versions.push({ kind: 'edited', text, at: this.actionTime(view), files: files ?? view.current.files });
  }

  deleteMessage(view: MessageView): void {
    const overlay = this.overlayOf(view);
    overlay.versions.push({
      kind: 'deleted',
      text: view.current.text,
      at: this.actionTime(view),
      files: view.current.files,
    });
  }

  react(view: MessageView, userIdx: number, emoji: string, action: 'add' | 'remove'): void {
    const overlay = this.overlayOf(view);
    const reactions = view.reactions.map((r) => ({ emoji: r.emoji, users: [...r.users] }));
    const existing = reactions.find((r) => r.emoji === emoji);
    if (action === 'add') {
      if (!existing) reactions.push({ emoji, users: [userIdx] });
      else if (!existing.users.includes(userIdx)) existing.users.push(userIdx);
    } else if (existing) {
      existing.users = existing.users.filter((u) => u !== userIdx);
    }
    overlay.reactions = reactions.filter((r) => r.users.length > 0);
  }

  markRead(userIdx: number, messageId: string, read: boolean): void {
    this.readState.set(`${userIdx}:${key(messageId)}`, read);
  }

  // ---- files -----------------------------------------------------------------------------------

  uploadFile(ownerIdx: number, fileName: string, bytes: Buffer): FileRef {
    const ref: FileRef = {
      fileId: randomChars(new Rng(this.seed, 60, this.uploads.size, this.now()), 22),
      fileName,
      fileSize: bytes.length,
    };
    this.uploads.set(ref.fileId, { ref, bytes, ownerIdx });
    return ref;
  }

  /** An uploaded file, optionally only if the given user uploaded it (file_ids must be one's own). */
  uploadedFile(fileId: string, ownerIdx?: number): FileRef | undefined {
    const upload = this.uploads.get(fileId);
    if (!upload || (ownerIdx !== undefined && upload.ownerIdx !== ownerIdx)) return undefined;
    return upload.ref;
  }

  fileStream(ref: FileRef): Readable {
    const uploaded = this.uploads.get(ref.fileId);
    return uploaded ? ReadableStream.from([uploaded.bytes]) : generatedFileStream(this.seed, ref.fileId, ref.fileSize);
  }

  fileSha256(ref: FileRef): string {
    const uploaded = this.uploads.get(ref.fileId);
    return uploaded
      ? createHash('sha256').update(uploaded.bytes).digest('hex')
      : generatedFileSha256(this.seed, ref.fileId, ref.fileSize);
  }
}

export function compareMessages(a: TenantMessage, b: TenantMessage): number {
  return a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function compareCursor(a: Cursor, b: Cursor): number {
  return a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
