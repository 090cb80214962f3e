import { addMonths, isOpen, monthWindows, reportHorizon } from './sync-windows.util.js';

describe('sync windows', () => {
  it('splits a range into calendar months, clipped at both ends', () => {
    expect(monthWindows('2026-05-20', '2026-08-03')).toEqual([
      { from: '2026-05-20', to: '2026-05-31' },
      { from: '2026-06-01', to: '2026-06-30' },
      { from: '2026-07-01', to: '2026-07-31' },
      { from: '2026-08-01', to: '2026-08-03' },
    ]);
    expect(monthWindows('2026-02-01', '2026-02-28')).toEqual([{ from: '2026-02-01', to: '2026-02-28' }]);
    expect(monthWindows('2026-03-01', '2026-02-28')).toEqual([]);
  });

  it('never makes a window longer than Zoom allows (to <= from + 1 month)', () => {
    for (const w of monthWindows('2025-12-31', '2026-11-30')) expect(w.to <= addMonths(w.from, 1)).toBe(true);
  });

  it('reaches back six calendar months', () => {
    expect(reportHorizon('2026-11-20')).toBe('2026-05-20');
    expect(reportHorizon('2026-08-31')).toBe('2026-02-28');
  });

  it('keeps windows open within the lookback', () => {
    expect(isOpen({ from: '2026-11-01', to: '2026-11-30' }, '2026-11-20', 3)).toBe(true);
    expect(isOpen({ from: '2026-10-01', to: '2026-10-31' }, '2026-11-02', 3)).toBe(true);
    expect(isOpen({ from: '2026-10-01', to: '2026-10-31' }, '2026-11-04', 3)).toBe(false);
  });
});
