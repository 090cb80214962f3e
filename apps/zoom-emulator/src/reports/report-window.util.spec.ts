import { addMonths, reportHorizon, reportWindow } from './report-window.util.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');

describe('report windows', () => {
  it('adds calendar months, clamping to the month end', () => {
    expect(new Date(addMonths(Date.parse('2026-01-31'), 1)).toISOString().slice(0, 10)).toBe('2026-02-28');
    expect(new Date(addMonths(Date.parse('2026-11-20'), -6)).toISOString().slice(0, 10)).toBe('2026-05-20');
  });

  it('reaches back six calendar months from today', () => {
    expect(new Date(reportHorizon(NOW)).toISOString()).toBe('2026-05-20T00:00:00.000Z');
  });

  it('accepts one month, includes the whole to day', () => {
    const w = reportWindow({ from: '2026-10-20', to: '2026-11-20' }, NOW, true);
    expect(w.fromDate).toBe('2026-10-20');
    expect(new Date(w.toEnd).toISOString()).toBe('2026-11-20T23:59:59.999Z');
  });

  it('rejects more than a month and anything before the horizon in strict mode', () => {
    expect(() => reportWindow({ from: '2026-10-19', to: '2026-11-20' }, NOW, true)).toThrow(/one month/);
    expect(() => reportWindow({ from: '2026-05-19', to: '2026-06-01' }, NOW, true)).toThrow(/six months/);
    expect(() => reportWindow({ from: '2026-05-20', to: '2026-06-01' }, NOW, true)).not.toThrow();
  });

  it('clamps from in clamp mode and echoes the clamped date', () => {
    expect(reportWindow({ from: '2026-09-01', to: '2026-11-20' }, NOW, false).fromDate).toBe('2026-10-20');
    expect(reportWindow({ from: '2026-05-01', to: '2026-06-01' }, NOW, false).fromDate).toBe('2026-05-20');
    expect(() => reportWindow({ from: '2026-04-01', to: '2026-04-20' }, NOW, false)).toThrow(/six months/);
  });
});
