import { jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { SearchStatisticsRepository } from './search-statistics.repository.js';

/** A DataSource whose statistics query answers from a list, one answer per call. */
function fakeDb(answers: unknown[][]) {
  let calls = 0;
  const db = { query: () => Promise.resolve(answers[Math.min(calls++, answers.length - 1)]) };
  return { db: db as unknown as DataSource, calls: () => calls };
}

const row = (versions: number) => ({
  elems: ['the', 'wire'],
  freqs: [0.6, 0.001, 0.0005, 0.6],
  versions,
  messages: 10,
});

describe('SearchStatisticsRepository', () => {
  afterEach(() => jest.useRealTimers());

  it('reads lexeme frequencies, the smallest one after them, and the table sizes', async () => {
    const { db } = fakeDb([[row(12)]]);
    const stats = await new SearchStatisticsRepository(db).current();
    expect(stats.lexemes?.frequencies.get('wire')).toBe(0.001);
    expect(stats.lexemes?.minFrequency).toBe(0.0005);
    expect([stats.versions, stats.messages]).toEqual([12, 10]);
  });

  it('has no lexemes before the first ANALYZE', async () => {
    const { db } = fakeDb([[{ elems: null, freqs: null, versions: 0, messages: 0 }]]);
    expect((await new SearchStatisticsRepository(db).current()).lexemes).toBeNull();
  });

  it('serves cached statistics, and stale ones while it reloads them in the background', async () => {
    jest.useFakeTimers({ now: 0 });
    const { db, calls } = fakeDb([[row(1)], [row(2)]]);
    const repository = new SearchStatisticsRepository(db);
    expect((await repository.current()).versions).toBe(1);
    expect((await repository.current()).versions).toBe(1);
    expect(calls()).toBe(1);
    jest.setSystemTime(61_000);
    expect((await repository.current()).versions).toBe(1);
    await Promise.resolve();
    expect((await repository.current()).versions).toBe(2);
    expect(calls()).toBe(2);
  });
});
