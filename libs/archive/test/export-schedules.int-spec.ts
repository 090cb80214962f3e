import type { DataSource } from 'typeorm';
import { ExportSchedulesRepository } from '#libs/archive';
import { createTestDatabase } from './test-database.js';

let db: DataSource;
let drop: () => Promise<void>;
let schedules: ExportSchedulesRepository;

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.dataSource;
  drop = database.drop;
  schedules = new ExportSchedulesRepository(db);
});
afterAll(() => drop());

const iso = (w: { from: Date; to: Date }) => [w.from.toISOString(), w.to.toISOString()];

/** Issue #6, "Schedules": relative windows in the schedule's zone. */
describe('ExportSchedulesRepository.periodWindow', () => {
  it('gives the previous calendar day in the zone, 23 hours long across the spring change', async () => {
    // 2026-03-30 02:00 in Paris; the day before (29 March) lost an hour at 02:00.
    const tick = new Date('2026-03-30T00:00:00Z');
    expect(iso(await schedules.periodWindow(tick, 'Europe/Paris', 'previous_day'))).toEqual([
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ]);
  });

  it('gives the previous day in UTC for a tick just after midnight', async () => {
    const tick = new Date('2026-11-02T00:00:05Z');
    expect(iso(await schedules.periodWindow(tick, 'UTC', 'previous_day'))).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-11-02T00:00:00.000Z',
    ]);
  });

  it('gives the previous ISO week (Monday to Monday), 169 hours long across the autumn change', async () => {
    // Wednesday 4 November 2026 in New York; the week before held the change of 1 November.
    const tick = new Date('2026-11-04T15:00:00Z');
    expect(iso(await schedules.periodWindow(tick, 'America/New_York', 'previous_week'))).toEqual([
      '2026-10-26T04:00:00.000Z',
      '2026-11-02T05:00:00.000Z',
    ]);
  });

  it('gives the previous calendar month in the zone', async () => {
    const tick = new Date('2026-03-01T01:30:00Z'); // 1 March 10:30 in Tokyo
    expect(iso(await schedules.periodWindow(tick, 'Asia/Tokyo', 'previous_month'))).toEqual([
      '2026-01-31T15:00:00.000Z',
      '2026-02-28T15:00:00.000Z',
    ]);
  });
});
