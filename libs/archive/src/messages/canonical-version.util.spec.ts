import { canonicalReactions, reactionSnapshotSha256 } from './canonical-reactions.util.js';
import { canonicalVersion, type VersionFacts, versionSha256 } from './canonical-version.util.js';

const FACTS: VersionFacts = {
  message_id: '{7ba4d98b-0a6a-4fb4-a71b-dd13fd689dc8}',
  session_id: 'c38230acb7f009282c1b0d367a08102d65d12629bbcca58dfe2168bd335f5849',
  kind: 'edited',
  action_ts: 1747494500135,
  timestamp: 1647494500135,
  text: 'How are you',
  sender_member_id: 'R4VM29Oj0fVM2hhEmSKVM2hhezJTezJTKVM2hezJT2hezJTSK',
  reply_main_message_id: '{27ED2949-6457-417C-83EA-72515DAF00BD}',
  files: [
    { file_id: 'zzLast', file_name: 'b.pdf', file_size: 10 },
    { file_id: 'qreigNgqTk24RNnGJDxpDg', file_name: '48k.png', file_size: 224251 },
  ],
};

describe('canonicalVersion', () => {
  it('is sorted-key JSON of the facts, ids normalised and files sorted by id', () => {
    expect(canonicalVersion(FACTS)).toBe(
      '{"action_ts":1747494500135,' +
        '"files":[{"file_id":"qreigNgqTk24RNnGJDxpDg","file_name":"48k.png","file_size":224251},' +
        '{"file_id":"zzLast","file_name":"b.pdf","file_size":10}],' +
        '"kind":"edited","message_id":"7BA4D98B-0A6A-4FB4-A71B-DD13FD689DC8",' +
        '"reply_main_message_id":"27ED2949-6457-417C-83EA-72515DAF00BD",' +
        '"sender_member_id":"R4VM29Oj0fVM2hhEmSKVM2hhezJTezJTKVM2hezJT2hezJTSK",' +
        '"session_id":"c38230acb7f009282c1b0d367a08102d65d12629bbcca58dfe2168bd335f5849",' +
        '"text":"How are you","timestamp":1647494500135}',
    );
  });

  it('hashes to the SHA-256 of exactly that text, so an auditor can re-check a stored hash with sha256sum', () => {
    expect(versionSha256(FACTS)).toBe('643e115678386b5102861166a78dffb3c0d1f98230146a12d326b6f990146c23');
  });

  it('does not depend on brace or case of ids, key order or file order', () => {
    const reordered: VersionFacts = {
      files: [...FACTS.files].reverse(),
      text: FACTS.text,
      timestamp: FACTS.timestamp,
      kind: FACTS.kind,
      action_ts: FACTS.action_ts,
      session_id: FACTS.session_id,
      sender_member_id: FACTS.sender_member_id,
      message_id: '7BA4D98B-0A6A-4FB4-A71B-DD13FD689DC8',
      reply_main_message_id: '27ed2949-6457-417c-83ea-72515daf00bd',
    };
    expect(versionSha256(reordered)).toBe(versionSha256(FACTS));
  });

  it.each<[string, Partial<VersionFacts>]>([
    ['text', { text: 'How are you?' }],
    ['kind', { kind: 'deleted' }],
    ['action time', { action_ts: FACTS.action_ts + 1 }],
    ['send time', { timestamp: FACTS.timestamp + 1 }],
    ['sender', { sender_member_id: 'other' }],
    ['thread', { reply_main_message_id: null }],
    ['files', { files: FACTS.files.slice(1) }],
    ['file size', { files: [{ ...FACTS.files[0], file_size: 11 }, FACTS.files[1]] }],
    ['session', { session_id: 'other' }],
  ])('changes with the %s', (_fact, change) => {
    expect(versionSha256({ ...FACTS, ...change })).not.toBe(versionSha256(FACTS));
  });
});

describe('reaction snapshots', () => {
  const thumbs = { emoji: 'U+1F44D', total_count: 2, user_ids: ['b', 'a'], member_ids: ['m2', 'm1'] };
  const smile = { emoji: 'U+1F600', total_count: 1, user_ids: [], member_ids: ['m3'] };

  it('compare reactions regardless of Zoom’s array order', () => {
    const shuffled = [{ ...smile }, { ...thumbs, user_ids: ['a', 'b'], member_ids: ['m1', 'm2'] }];
    expect(canonicalReactions(shuffled)).toBe(canonicalReactions([thumbs, smile]));
    expect(canonicalReactions([thumbs])).not.toBe(canonicalReactions([thumbs, smile]));
  });

  it('chain the previous snapshot, so returning to an earlier state is a new snapshot', () => {
    const first = reactionSnapshotSha256('{ab}', [thumbs], null);
    const second = reactionSnapshotSha256('{ab}', [], first);
    const third = reactionSnapshotSha256('AB', [thumbs], second);
    expect(new Set([first, second, third]).size).toBe(3);
    expect(reactionSnapshotSha256('ab', [thumbs], null)).toBe(first);
  });
});
