import { generateDirectory } from './directory.generator.js';
import { DAY_MS, MAX_MODIFICATION_DELAY_MS, MessageGenerator } from './message.generator.js';
import { resolveProfile } from './tenant-profile.js';

describe('MessageGenerator', () => {
  const profile = resolveProfile('small');
  const dir = generateDirectory(3, profile);
  const generator = new MessageGenerator(3, dir);
  const day = Math.floor(Date.parse('2026-10-05T00:00:00Z') / DAY_MS);
  const busiest = dir.sessions.reduce((a, b) => (b.rate > a.rate ? b : a));

  it('is a pure function of the seed and coordinates', () => {
    const again = new MessageGenerator(3, generateDirectory(3, profile));
    expect(again.generateDay(busiest.idx, day)).toEqual(generator.generateDay(busiest.idx, day));
  });

  it('orders a day by strictly increasing send time within that day', () => {
    const messages = generator.generateDay(busiest.idx, day);
    expect(messages.length).toBe(generator.count(busiest.idx, day));
    expect(messages.length).toBeGreaterThan(0);
    for (let i = 1; i < messages.length; i++) expect(messages[i].timestamp).toBeGreaterThan(messages[i - 1].timestamp);
    expect(messages.every((m) => Math.floor(m.timestamp / DAY_MS) === day)).toBe(true);
  });

  it('keeps each history append-only in time: original first, edits after, a deletion last, within the delay bound', () => {
    let edited = 0;
    let deleted = 0;
    for (let d = day - 60; d <= day; d++) {
      for (const m of generator.generateDay(busiest.idx, d)) {
        expect(m.versions[0]).toMatchObject({ kind: 'original', at: m.timestamp });
        for (let i = 1; i < m.versions.length; i++) {
          expect(m.versions[i].at).toBeGreaterThan(m.versions[i - 1].at);
          expect(Number.isInteger(m.versions[i].at)).toBe(true);
          expect(m.versions[i].at - m.timestamp).toBeLessThanOrEqual(MAX_MODIFICATION_DELAY_MS);
          if (m.versions[i].kind === 'deleted') expect(i).toBe(m.versions.length - 1);
        }
        if (m.versions.some((v) => v.kind === 'edited')) edited++;
        if (m.versions.some((v) => v.kind === 'deleted')) deleted++;
        if (m.replyTo) expect(m.replyTo.timestamp).toBeLessThan(m.timestamp);
      }
    }
    expect(edited).toBeGreaterThan(0);
    expect(deleted).toBeGreaterThan(0);
  });

  it('anonymises external users as Zoom does and keeps member ids', () => {
    const externals = dir.users.filter((u) => u.external);
    expect(externals.length).toBeGreaterThan(0);
    for (const u of externals) {
      expect(u.id).toBe('');
      expect(u.memberId).not.toBe('');
      if (!u.contact) expect(u.email).toBe('');
    }
    expect(externals.some((u) => u.contact && u.email !== '')).toBe(true);
  });

  it('sizes the history close to the profile', () => {
    let total = 0;
    for (const s of dir.sessions)
      for (let d = day - profile.historyDays; d < day; d++) total += generator.count(s.idx, d);
    expect(total).toBeGreaterThan(profile.messages * 0.8);
    expect(total).toBeLessThan(profile.messages * 1.2);
  });
});
