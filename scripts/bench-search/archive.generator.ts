import { versionSha256 } from '#libs/archive';

/**
 * Realistic archive rows, deterministic: a Zipf-like vocabulary (real common words, then invented ones with
 * frequency ~1/rank, so both very common and very rare terms exist), thousands of sessions and senders with
 * busy and quiet ones, ~10 % of messages edited (the edit rewrites words, which then survive only in the
 * earlier version), ~3 % deleted, files, replies and reactions.
 */

export const ACCOUNT = 'bench-account';
const START_MS = Date.UTC(2025, 0, 6);
/** One message every 6 s on average: 1 M messages span ~70 days, 5 M almost a year. */
const MEAN_GAP_MS = 6_000;
const USERS = 3_000;
const SESSIONS = 20_000;

/** mulberry32: the same seed gives the same archive on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = (
  'the to and a of i you is for in it on that we can be this will have with are not at so do if but ' +
  'me from please thanks ok just my your all get about our us was what when there send call now let know ' +
  'client account report today meeting team update file numbers review need check back time trade price'
).split(' ');
const SYLLABLES =
  'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu'.split(
    ' ',
  );

/** Real common words first, then invented ones: rank r is drawn about 1/r as often as rank 1 (Zipf-like). */
function vocabulary(size: number): string[] {
  const rand = prng(7);
  const words = new Set(COMMON);
  while (words.size < size) {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    if (rand() < 0.3) w += 'n';
    words.add(w);
  }
  return [...words];
}

export const VOCAB = vocabulary(60_000);
const LN_VOCAB = Math.log(VOCAB.length);
/** Phrases a reviewer looks for; their words also occur on their own everywhere. */
const PHRASES = ['off the record', 'wire the funds', 'delete this chat', 'per our call'];

export interface User {
  memberId: string;
  email: string;
  name: string;
  external: boolean;
  bot: boolean;
}
export interface Session {
  id: string;
  type: '1:1' | 'Group';
  channelId: string | null;
  members: User[];
}

function token(rand: () => number, length: number, alphabet: string): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789ABCDEF';

function people(rand: () => number): User[] {
  return Array.from({ length: USERS }, (_, i) => {
    const external = rand() < 0.08;
    const bot = !external && rand() < 0.01;
    const name = `${VOCAB[40 + (i % 400)]} ${VOCAB[500 + ((i * 7) % 900)]}`;
    return {
      memberId: token(rand, 48, B62),
      email: external || bot ? '' : `user${i}@bench.example.com`,
      name: bot ? `Bot ${i}` : external ? '' : name,
      external,
      bot,
    };
  });
}

function sessions(rand: () => number, users: User[]): Session[] {
  const pick = () => users[Math.floor(rand() * users.length)];
  return Array.from({ length: SESSIONS }, () => {
    const group = rand() < 0.25;
    const size = group ? 3 + Math.floor(rand() * 38) : 2;
    const members = new Set<User>();
    while (members.size < size) members.add(pick());
    return {
      id: token(rand, 64, '0123456789abcdef'),
      type: group ? 'Group' : '1:1',
      channelId: group ? token(rand, 22, '0123456789abcdef') : null,
      members: [...members],
    };
  });
}

function text(rand: () => number): string {
  const n = 5 + Math.floor(rand() * 25);
  const words: string[] = [];
  for (let i = 0; i < n; i++)
    words.push(VOCAB[Math.min(VOCAB.length - 1, Math.floor(Math.exp(rand() * LN_VOCAB)) - 1)]);
  if (rand() < 0.005) words.splice(Math.floor(rand() * words.length), 0, PHRASES[Math.floor(rand() * PHRASES.length)]);
  return words.join(' ');
}

/** An edit rewrites a few words: what it replaces survives only in the earlier version. */
function edit(rand: () => number, previous: string): string {
  const words = previous.split(' ');
  for (let k = 1 + Math.floor(rand() * 3); k > 0; k--)
    words[Math.floor(rand() * words.length)] = text(rand).split(' ')[0];
  return words.join(' ');
}

export interface Rows {
  m: unknown[][];
  v: unknown[][];
  f: unknown[][];
  r: unknown[][];
}

export class ArchiveGenerator {
  private readonly rand = prng(42);
  readonly users = people(this.rand);
  readonly sessions = sessions(this.rand, this.users);
  private clock = START_MS;
  private seq = 0;
  private readonly recent: { id: string; session: string }[] = [];

  /** Sessions are picked Zipf-like too: a few are very busy, most are quiet. */
  private session(): Session {
    return this.sessions[Math.min(SESSIONS - 1, Math.floor(Math.exp(this.rand() * Math.log(SESSIONS))) - 1)];
  }

  batch(count: number): Rows {
    const rows: Rows = {
      m: Array.from({ length: 21 }, () => []),
      v: Array.from({ length: 13 }, () => []),
      f: [[], [], [], []],
      r: [[], [], []],
    };
    for (let i = 0; i < count; i++) this.message(rows);
    return rows;
  }

  private message(rows: Rows): void {
    const rand = this.rand;
    this.clock += Math.max(1, Math.round(-Math.log(1 - rand()) * MEAN_GAP_MS));
    this.seq++;
    const session = this.session();
    const sender = session.members[Math.floor(rand() * session.members.length)];
    const id = `${token(rand, 8, HEX)}-${token(rand, 4, HEX)}-4${token(rand, 3, HEX)}-${token(rand, 4, HEX)}-${token(rand, 12, HEX)}`;
    const sentTs = this.clock;
    const replyTo = rand() < 0.08 ? (this.recent.find((r) => r.session === session.id)?.id ?? null) : null;
    const files =
      rand() < 0.04
        ? [
            {
              file_id: token(rand, 22, B62),
              file_name: `${VOCAB[(this.seq * 13) % 2000]}.pdf`,
              file_size: 1000 + Math.floor(rand() * 5e6),
            },
          ]
        : [];
    const versions: [string, number, string][] = [['original', sentTs, text(rand)]];
    if (rand() < 0.1) {
      for (let k = rand() < 0.7 ? 1 : 2, at = sentTs; k > 0; k--) {
        at += 60_000 + Math.floor(rand() * 3_600_000);
        versions.push(['edited', at, edit(rand, versions[versions.length - 1][2])]);
      }
    }
    const deleted = rand() < 0.03;
    if (deleted)
      versions.push([
        'deleted',
        versions[versions.length - 1][1] + 60_000 + Math.floor(rand() * 86_400_000),
        versions[versions.length - 1][2],
      ]);
    const last = versions.filter((v) => v[0] !== 'deleted').pop()!;
    const lastAction = versions[versions.length - 1][1];
    const receiver = session.type === '1:1' ? session.members.find((u) => u !== sender)!.email : null;
    const m = [
      id,
      this.seq % 5 === 0 ? `{${id}}` : id,
      session.id,
      sender.memberId,
      sender.email,
      sender.name,
      receiver,
      sender.external,
      sender.bot,
      new Date(sentTs).toISOString(),
      sentTs,
      replyTo,
      last[2],
      versions[0][2],
      versions.length,
      versions.filter((v) => v[0] === 'edited').length,
      deleted ? new Date(lastAction).toISOString() : null,
      files.length > 0,
      new Date(sentTs + 3_600_000).toISOString(),
      new Date(lastAction + 3_600_000).toISOString(),
      ACCOUNT,
    ];
    m.forEach((value, c) => rows.m[c].push(value));
    for (const [kind, at, body] of versions) {
      const sha = versionSha256({
        message_id: id,
        session_id: session.id,
        kind: kind as 'original',
        action_ts: at,
        timestamp: sentTs,
        text: body,
        sender_member_id: sender.memberId,
        reply_main_message_id: replyTo,
        files,
      });
      [
        id,
        kind,
        at,
        body,
        JSON.stringify(files),
        sha,
        new Date(at + 3_600_000).toISOString(),
        sentTs,
        replyTo,
        m[1],
        sender.email,
        sender.memberId,
        sender.name,
      ].forEach((value, c) => rows.v[c].push(value));
    }
    for (const f of files) [f.file_id, id, f.file_name, f.file_size].forEach((value, c) => rows.f[c].push(value));
    if (rand() < 0.05) {
      const reactions = [{ emoji: 'U+1F44D', total_count: 1, user_ids: [], member_ids: [session.members[0].memberId] }];
      [id, JSON.stringify(reactions), token(rand, 64, '0123456789abcdef')].forEach((value, c) => rows.r[c].push(value));
    }
    this.recent.push({ id, session: session.id });
    if (this.recent.length > 200) this.recent.shift();
  }
}
