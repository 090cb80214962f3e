import { RequestStats } from './request-stats.js';

const T0 = 1_800_000_000_000;

function peaks(arrivals: number[], finishOrder: number[] = arrivals.map((_, i) => i)) {
  const stats = new RequestStats();
  for (const i of finishOrder) stats.record('Medium', 'op', 200, true, T0 + arrivals[i]);
  const { max_per_second, max_per_sliding_second } = stats.snapshot().labels.Medium;
  return { max_per_second, max_per_sliding_second };
}

describe('RequestStats peaks', () => {
  it('counts a sliding second as (end - 1000, end]: 1000 ms apart is two windows, 999 ms is one', () => {
    expect(peaks([0, 1000]).max_per_sliding_second).toBe(1);
    expect(peaks([0, 999]).max_per_sliding_second).toBe(2);
  });

  it('counts fixed wall-clock seconds', () => {
    expect(peaks([100, 900, 1100, 1200, 1300])).toEqual({ max_per_second: 3, max_per_sliding_second: 4 });
  });

  it('gives the same peaks whatever order the requests finish in', () => {
    // Arrivals 0..1500 ms; finished in reverse (slow answers recorded last) and shuffled.
    const arrivals = [0, 100, 400, 990, 1000, 1050, 1400, 1500];
    const inOrder = peaks(arrivals);
    expect(inOrder).toEqual({ max_per_second: 4, max_per_sliding_second: 5 });
    expect(peaks(arrivals, [7, 6, 5, 4, 3, 2, 1, 0])).toEqual(inOrder);
    expect(peaks(arrivals, [3, 0, 7, 1, 5, 2, 6, 4])).toEqual(inOrder);
  });

  it('does not count an arrival recorded late in windows it is not in', () => {
    // A slow call that arrived at 0 finishes after calls arriving 1000..1900: no window holds all eleven.
    const arrivals = [0, 1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900];
    const finish = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0];
    expect(peaks(arrivals, finish)).toEqual({ max_per_second: 10, max_per_sliding_second: 10 });
  });

  it('leaves requests answered 429 out of the peaks', () => {
    const stats = new RequestStats();
    stats.record('Medium', 'op', 200, true, T0);
    stats.record('Medium', 'op', 429, false, T0 + 1);
    expect(stats.snapshot().labels.Medium).toMatchObject({ requests: 2, admitted: 1, http_429: 1, max_per_second: 1 });
  });
});
