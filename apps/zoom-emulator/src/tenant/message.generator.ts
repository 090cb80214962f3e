import { Rng, randomChars } from './prng.util.js';
import { encodeMessageId } from './message-id.util.js';
import type { Directory } from './directory.generator.js';
import { WEEKEND_FACTOR } from './directory.generator.js';
import type {
  AtItem,
  BotMessage,
  FileRef,
  MessageVersion,
  Reaction,
  RichTextItem,
  TenantMessage,
} from './tenant-model.js';
import { BOT_SOURCES, EMOJIS, FILE_TYPES, RICH_TEXT_TYPES, editedText, messageText, sentence } from './text.util.js';

export const DAY_MS = 86_400_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Generated edits and deletions happen within this long after the send; the modification sweep relies on it. */
export const MAX_MODIFICATION_DELAY_MS = 60 * DAY_MS;

export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);

/** How long after the previous version a person comes back: minutes, hours, days or weeks. */
function modificationDelay(rng: Rng): number {
  return Math.round(rawDelay(rng));
}

function rawDelay(rng: Rng): number {
  const roll = rng.next();
  if (roll < 0.4) return MINUTE + rng.exponential(10 * MINUTE);
  if (roll < 0.7) return HOUR + rng.exponential(6 * HOUR);
  if (roll < 0.9) return rng.int(1, 7) * DAY_MS + rng.int(0, DAY_MS - 1);
  return rng.int(7, 20) * DAY_MS + rng.int(0, DAY_MS - 1);
}

function fileSize(rng: Rng): number {
  const roll = rng.next();
  if (roll < 0.6) return rng.int(2_000, 200_000);
  if (roll < 0.97) return rng.int(200_000, 3_000_000);
  return rng.int(3_000_000, 25_000_000);
}

function pickExt(rng: Rng): string {
  const total = FILE_TYPES.reduce((s, f) => s + f.weight, 0);
  let roll = rng.next() * total;
  for (const f of FILE_TYPES) {
    roll -= f.weight;
    if (roll < 0) return f.ext;
  }
  return 'pdf';
}

/** Generates each session-day's messages on demand; a pure function of the seed and the directory. */
export class MessageGenerator {
  private readonly countCache = new Map<number, Uint16Array>();
  private readonly initialMembers: number[][];
  private readonly botIdx: number[];

  constructor(
    private readonly seed: number,
    private readonly dir: Directory,
    private readonly maxFileBytes = 25_000_000,
  ) {
    this.initialMembers = dir.channels.map((c) => [...c.members.keys()]);
    this.botIdx = dir.users.filter((u) => u.isBot).map((u) => u.idx);
  }

  /** Number of generated messages of a session on a day (days since the Unix epoch). */
  count(sessionIdx: number, day: number): number {
    const session = this.dir.sessions[sessionIdx];
    if (!session || session.rate === 0) return 0;
    let counts = this.countCache.get(day);
    if (!counts) {
      counts = new Uint16Array(this.dir.sessions.length).fill(0xffff);
      this.countCache.set(day, counts);
    }
    if (sessionIdx < counts.length && counts[sessionIdx] !== 0xffff) return counts[sessionIdx];
    const weekday = new Date(day * DAY_MS).getUTCDay();
    const mean = session.rate * (weekday === 0 || weekday === 6 ? WEEKEND_FACTOR : 1);
    const n = Math.min(60_000, new Rng(this.seed, 10, sessionIdx, day).poisson(mean));
    if (sessionIdx < counts.length) counts[sessionIdx] = n;
    return n;
  }

  /** Every generated message of the session-day, with its whole life, ordered by send time. */
  generateDay(sessionIdx: number, day: number): TenantMessage[] {
    const n = this.count(sessionIdx, day);
    if (n === 0) return [];
    const rng = new Rng(this.seed, 12, sessionIdx, day);
    const offsets: number[] = [];
    for (let i = 0; i < n; i++) {
      // Mostly office hours (07:00–19:00 UTC), some at any time.
      const ms = rng.chance(0.8) ? 7 * HOUR + rng.int(0, 12 * HOUR - 1) : rng.int(0, DAY_MS - 1);
      offsets.push(ms);
    }
    offsets.sort((a, b) => a - b);
    const messages: TenantMessage[] = [];
    let previous = -1;
    for (let i = 0; i < n; i++) {
      // Strictly increasing timestamps keep (timestamp, id) orderings simple and unambiguous.
      const timestamp = Math.max(day * DAY_MS + offsets[i], previous + 1);
      previous = timestamp;
      messages.push(this.generateMessage(sessionIdx, day, i, timestamp, messages));
    }
    return messages;
  }

  messageId(sessionIdx: number, day: number, index: number): string {
    return encodeMessageId(this.seed, { sessionIdx, day, index }, this.dir.sessions[sessionIdx].bracedIds);
  }

  private participants(sessionIdx: number): number[] {
    const session = this.dir.sessions[sessionIdx];
    return session.peers ? [...session.peers] : this.initialMembers[session.channelIdx];
  }

  private generateMessage(
    s: number,
    day: number,
    i: number,
    timestamp: number,
    earlier: TenantMessage[],
  ): TenantMessage {
    const rng = new Rng(this.seed, 13, s, day, i);
    const session = this.dir.sessions[s];
    const people = this.participants(s);
    const isBot = session.kind === 'channel' && this.botIdx.length > 0 && rng.chance(0.03);
    const senderIdx = isBot ? rng.pick(this.botIdx) : rng.pick(people);
    const receiverIdx = session.peers ? (session.peers[0] === senderIdx ? session.peers[1] : session.peers[0]) : null;

    let text = messageText(rng);
    const atItems: AtItem[] = [];
    if (!isBot && session.kind === 'channel' && rng.chance(0.05)) {
      const all = rng.chance(0.2);
      const target = this.dir.users[rng.pick(people)];
      const mention = all ? '@all' : `@${target.displayName}`;
      text = `${mention} ${text}`;
      atItems.push({
        at_contact: all ? '' : target.id,
        at_contact_member_id: all ? '' : target.memberId,
        at_type: all ? 2 : 1,
        start_position: 0,
        end_position: mention.length,
      });
    }
    const richText: RichTextItem[] = [];
    if (!isBot && rng.chance(0.06)) {
      const type = rng.pick(RICH_TEXT_TYPES);
      const attr: Record<string, string> = {
        FontSize: 'm',
        FontColor: 'FFC0CB',
        Paragraph: 'h2',
        AddLink: 'https://example.com/doc',
      };
      richText.push({
        start_position: 0,
        end_position: Math.min(text.length, rng.int(1, 12)),
        format_type: type,
        ...(attr[type] ? { format_attr: attr[type] } : {}),
      });
    }

    const files: FileRef[] = [];
    if (!isBot && rng.chance(0.04)) {
      const count = rng.chance(0.1) ? 2 : 1;
      for (let f = 0; f < count; f++) {
        const ext = pickExt(rng);
        files.push({
          fileId: randomChars(rng, 22),
          fileName: `${sentence(rng).split(' ')[0].replace(/\W/g, '') || 'file'}-${i}.${ext}`,
          fileSize: Math.min(fileSize(rng), this.maxFileBytes),
        });
      }
    }

    let replyTo: TenantMessage['replyTo'] = null;
    if (i > 0 && rng.chance(0.15)) {
      const target = earlier[rng.int(0, i - 1)];
      replyTo = target.replyTo ?? { id: target.id, timestamp: target.timestamp };
    }

    const bot: BotMessage | null = isBot
      ? {
          is_markdown_support: rng.chance(0.5),
          source: rng.pick(BOT_SOURCES),
          external_sender_email: '',
          content: { head: { text: sentence(rng) }, body: [{ type: 'message', text }] },
        }
      : null;

    const versions: MessageVersion[] = [{ kind: 'original', text, at: timestamp, files }];
    if (!isBot && rng.chance(0.08)) {
      const roll = rng.next();
      const edits = roll < 0.7 ? 1 : roll < 0.9 ? 2 : rng.int(3, 5);
      for (let e = 0; e < edits; e++) {
        const last = versions[versions.length - 1];
        const at = last.at + modificationDelay(rng);
        if (at - timestamp > MAX_MODIFICATION_DELAY_MS) break;
        versions.push({ kind: 'edited', text: editedText(rng, last.text), at, files });
      }
    }
    if (!isBot && rng.chance(0.03)) {
      const last = versions[versions.length - 1];
      const at = last.at + modificationDelay(rng);
      if (at - timestamp <= MAX_MODIFICATION_DELAY_MS) versions.push({ kind: 'deleted', text: last.text, at, files });
    }

    const reactions: Reaction[] = [];
    if (rng.chance(0.12)) {
      const kinds = rng.int(1, 3);
      for (let r = 0; r < kinds; r++) {
        const users = new Set<number>();
        const n = rng.int(1, Math.min(4, people.length));
        for (let u = 0; u < n; u++) users.add(rng.pick(people));
        const emoji = EMOJIS[(rng.int(0, EMOJIS.length - 1) + r) % EMOJIS.length];
        if (!reactions.some((x) => x.emoji === emoji)) reactions.push({ emoji, users: [...users] });
      }
    }

    return {
      id: this.messageId(s, day, i),
      sessionIdx: s,
      senderIdx,
      timestamp,
      receiverIdx,
      replyTo,
      forwardId: rng.chance(0.005) ? randomChars(rng, 22) : null,
      richText,
      atItems,
      giphy: !isBot && rng.chance(0.01) ? [`https://giphy.com/gifs/${randomChars(rng, 12)}`] : [],
      bot,
      versions,
      reactions,
    };
  }
}
