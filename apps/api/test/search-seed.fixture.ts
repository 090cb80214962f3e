import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import {
  ArchiveWriter,
  ArchivedFilesRepository,
  FileStore,
  normaliseMessageId,
  type ReportSessionInput,
  type ZoomReportMessage,
} from '#libs/archive';
import {
  CHANNEL,
  EXTERNAL_GUEST,
  ONE_TO_ONE,
  TOM,
  deletedRow,
  editedRow,
  fileJson,
  reportMessage,
} from '../../../libs/archive/test/zoom-report.factory.js';

/**
 * A small archive written the way the sync writes it (ArchiveWriter.writeReportPage, two observations:
 * the messages as sent, then the edits and deletions a later sweep found), with the truth about every
 * message kept beside it so tests compare the API with what was seeded, not with itself.
 */

export const ALICE = {
  sender: 'alice@example.com',
  sender_member_id: 'aLiCe0member0id0aLiCe0member0id0aLiCe0mem',
  sender_display_name: 'Alice',
};
export const JOHN = {
  sender: 'john.doe+321@example.com',
  sender_member_id: 'j0hn0member0id0j0hn0member0id0j0hn0member0',
  sender_display_name: 'John',
};
export const BOT = {
  sender: 'bot@example.com',
  sender_member_id: 'b0t0member0id0b0t0member0id0b0t0member0id0b',
  sender_display_name: 'Build bot',
};
/** Member of the trading-desk channel who never wrote there: a participant only through membership. */
export const CAROL = { email: 'carol@example.com', memberId: 'c4r0l0member0id0c4r0l0member0id0c4r0l0mem' };

export const TRADING_DESK: ReportSessionInput = {
  id: '9e1c5b2a7d4f6e8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a8',
  type: 'Group',
  name: 'Trading desk',
  channel_id: 'c2trading0desk0channel',
  status: 'active',
  has_external_member: false,
};

export const GUEST_DM: ReportSessionInput = {
  id: '1f2e3d4c5b6a79880f1e2d3c4b5a69788f1e2d3c4b5a69788f1e2d3c4b5a6978',
  type: '1:1',
  name: '',
  member_emails: ['alice@example.com'],
  has_external_member: true,
};

export interface SeededMessage {
  id: string;
  zoomId: string;
  session: ReportSessionInput;
  senderMemberId: string;
  senderEmail: string;
  sentAt: Date;
  /** Every version's text, oldest first. */
  texts: string[];
  currentText: string;
  edited: boolean;
  deleted: boolean;
  hasFiles: boolean;
  external: boolean;
  bot: boolean;
  replyTo: string | null;
  row: ZoomReportMessage;
}

export interface Seed {
  messages: SeededMessage[];
  /** By role in the tests. */
  editedAway: SeededMessage;
  deletedOne: SeededMessage;
  reply: SeededMessage;
  /** The stored file of editedAway and its bytes. */
  file: { fileId: string; bytes: Buffer; sha256: string };
}

type Sender = { sender: string; sender_member_id: string; sender_display_name: string; is_sender_external?: boolean };

interface Spec {
  session: ReportSessionInput;
  from: Sender;
  text: string;
  edits?: string[];
  deleted?: boolean;
  files?: ReturnType<typeof fileJson>[];
  bot?: boolean;
  replyTo?: SeededMessage;
  reactions?: ZoomReportMessage['reactions'];
  /** Minutes after T0; equal values give equal timestamps (ties broken by id). */
  at: number;
}

const T0 = Date.UTC(2026, 10, 2, 9, 0, 0) + 135;
const MINUTE = 60_000;
const WORDS = [
  'amber',
  'birch',
  'cobalt',
  'dune',
  'ember',
  'fjord',
  'grove',
  'harbor',
  'iris',
  'jade',
  'kelp',
  'lumen',
];

export const tokens = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Whether any version holds the word, as the simple configuration reads words. */
export const hasWord = (m: SeededMessage, word: string): boolean => m.texts.some((t) => tokens(t).includes(word));

export async function seedArchive(db: DataSource, filesDir: string): Promise<Seed> {
  const specs: Spec[] = [];
  const seeded: SeededMessage[] = [];
  const add = (spec: Spec): SeededMessage => {
    specs.push(spec);
    const row = reportMessage({
      ...spec.from,
      message: spec.text,
      timestamp: T0 + spec.at * MINUTE,
      action_timestamp: T0 + spec.at * MINUTE,
      ...(spec.files ? { files: spec.files } : {}),
      ...(spec.bot ? { bot_message: { source: 'ci', content: {} } } : {}),
      ...(spec.replyTo ? { reply_main_message_id: `{${spec.replyTo.zoomId.toLowerCase()}}` } : {}),
      ...(spec.reactions ? { reactions: spec.reactions } : {}),
    });
    const texts = [spec.text, ...(spec.edits ?? [])];
    const message: SeededMessage = {
      id: normaliseMessageId(row.id),
      zoomId: row.id,
      session: spec.session,
      senderMemberId: spec.from.sender_member_id,
      senderEmail: spec.from.sender,
      sentAt: new Date(T0 + spec.at * MINUTE),
      texts,
      currentText: texts[texts.length - 1],
      edited: (spec.edits?.length ?? 0) > 0,
      deleted: spec.deleted === true,
      hasFiles: (spec.files?.length ?? 0) > 0,
      external: spec.from.is_sender_external === true,
      bot: spec.bot === true,
      replyTo: spec.replyTo?.id ?? null,
      row,
    };
    seeded.push(message);
    return message;
  };

  const file = { fileId: 'fQuokka0Wire0Pdf', bytes: Buffer.from('%PDF-1.7 wire instructions '.repeat(40)), sha256: '' };
  file.sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const reaction = { emoji: 'U+1F44D', total_count: 1, user_ids: [], member_ids: [ALICE.sender_member_id] };
  const editedAway = add({
    session: CHANNEL,
    from: TOM,
    text: 'please wire the funds to the quokka account',
    edits: ['please wire the funds to the new account'],
    files: [fileJson(file.fileId, 'wire instructions.pdf', file.bytes.length)],
    reactions: [reaction],
    at: 0,
  });
  const deletedOne = add({
    session: ONE_TO_ONE,
    from: JOHN,
    text: 'the narwhal deal stays off the record',
    deleted: true,
    at: 1,
  });
  add({ session: TRADING_DESK, from: ALICE, text: 'record everything, the call was off', at: 2 });
  add({ session: CHANNEL, from: ALICE, text: 'alpha release tonight', at: 3 });
  add({ session: TRADING_DESK, from: TOM, text: 'omega release delayed', at: 4 });
  add({
    session: CHANNEL,
    from: TOM,
    text: 'budget draft attached',
    files: [fileJson('fBudgetDraft', 'budget.xlsx', 2_048)],
    at: 5,
  });
  add({ session: CHANNEL, from: ALICE, text: 'budget final numbers', at: 6 });
  add({ session: GUEST_DM, from: EXTERNAL_GUEST, text: 'hello from outside, a budget question', at: 7 });
  add({ session: CHANNEL, from: BOT, text: 'build passed', bot: true, at: 8 });
  const reply = add({ session: CHANNEL, from: ALICE, text: 'done, wired it', replyTo: editedAway, at: 9 });
  add({ session: CHANNEL, from: JOHN, text: 'second reply on the wire', replyTo: editedAway, at: 10 });

  const sessions = [CHANNEL, ONE_TO_ONE, TRADING_DESK, GUEST_DM];
  const sendersOf = new Map<ReportSessionInput, Sender[]>([
    [CHANNEL, [TOM, ALICE, JOHN]],
    [ONE_TO_ONE, [TOM, JOHN]],
    [TRADING_DESK, [ALICE, TOM]],
    [GUEST_DM, [ALICE, EXTERNAL_GUEST]],
  ]);
  for (let i = 0; i < 24; i++) {
    const session = sessions[i % 4];
    const senders = sendersOf.get(session)!;
    const word = WORDS[i % WORDS.length];
    add({
      session,
      from: senders[i % senders.length],
      text: `status update ${word}`,
      edits: i % 5 === 0 ? [`status update ${word} revised`] : undefined,
      deleted: i % 7 === 3,
      files: i % 6 === 2 ? [fileJson(`fStatus${i}`, `status-${i}.txt`, 100 + i)] : undefined,
      // Two pairs share a timestamp, so paging must order ties by id.
      at: 30 + (i === 11 ? 10 : i === 17 ? 16 : i),
    });
  }

  const writer = new ArchiveWriter(db);
  for (const session of sessions) {
    const mine = seeded.filter((m) => m.session === session);
    await writer.writeReportPage({
      accountId: 'AbC123',
      session,
      runId: null,
      observedAt: new Date(T0 + 60 * MINUTE),
      messages: mine.map((m) => m.row),
      edited: [],
      deleted: [],
    });
    await writer.writeReportPage({
      accountId: 'AbC123',
      session,
      runId: null,
      observedAt: new Date(T0 + 24 * 60 * MINUTE),
      ...laterChanges(mine),
    });
  }
  await seedChannels(db);
  const stored = await new FileStore(filesDir, 10_000_000).store(Readable.from([file.bytes]));
  if (!('sha256' in stored)) throw new Error('the test file did not fit the store');
  await new ArchivedFilesRepository(db).markStored(file.fileId, stored.sha256);
  return { messages: seeded, editedAway, deletedOne, reply, file };
}

/** The second observation: messages[] shows edited messages as they read now, beside edited[] and deleted[]. */
function laterChanges(mine: SeededMessage[]) {
  const messages: ZoomReportMessage[] = [];
  const edited: ZoomReportMessage[] = [];
  const deleted: ZoomReportMessage[] = [];
  for (const m of mine) {
    let current = m.row;
    m.texts.slice(1).forEach((text, k) => {
      current = editedRow(m.row, text, m.sentAt.getTime() + (k + 1) * 5 * MINUTE);
      edited.push(current);
    });
    if (m.deleted) deleted.push(deletedRow(current, m.sentAt.getTime() + 2 * 60 * MINUTE));
    else if (current !== m.row) messages.push(current);
  }
  return { messages, edited, deleted };
}

/** Channels and their members come from the channel APIs, not the reports: written directly here. */
async function seedChannels(db: DataSource): Promise<void> {
  await db.query(
    `INSERT INTO channels (id, account_id, name, type) VALUES ($1, 'AbC123', 'Channel One', 2), ($2, 'AbC123', 'Trading desk', 2)`,
    [CHANNEL.channel_id, TRADING_DESK.channel_id],
  );
  await db.query(
    `INSERT INTO channel_members (channel_id, member_id, email, display_name, removed_at) VALUES
       ($1, $3, 'jchill@example.com', 'Tom', NULL),
       ($1, $4, 'alice@example.com', 'Alice', NULL),
       ($2, $5, $6, 'Carol', now())`,
    [
      CHANNEL.channel_id,
      TRADING_DESK.channel_id,
      TOM.sender_member_id,
      ALICE.sender_member_id,
      CAROL.memberId,
      CAROL.email,
    ],
  );
}
