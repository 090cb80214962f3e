import { DEFAULT_MATCH_SELECTIVITY, tsquerySelectivity } from './tsquery-selectivity.util.js';

const stats = {
  frequencies: new Map([
    ['the', 0.6],
    ['meeting', 0.03],
    ['wire', 0.001],
    ['funds', 0.001],
    ["o'brien", 0.002],
    ['report', 0.02],
    ['reports', 0.01],
  ]),
  minFrequency: 0.0005,
};

describe('tsquerySelectivity', () => {
  it('gives a listed lexeme its frequency and an unlisted one half the smallest', () => {
    expect(tsquerySelectivity("'meeting'", stats)).toBe(0.03);
    expect(tsquerySelectivity("'zebrafish'", stats)).toBe(0.00025);
  });

  it('reads quoting as tsquery writes it', () => {
    expect(tsquerySelectivity("'o''brien'", stats)).toBe(0.002);
  });

  it('adds OR and complements NOT', () => {
    expect(tsquerySelectivity("'meeting' | 'report'", stats)).toBeCloseTo(0.03 + 0.02 - 0.0006);
    expect(tsquerySelectivity("!'the'", stats)).toBeCloseTo(0.4);
    expect(tsquerySelectivity("'meeting' & !'the'", stats)).toBeCloseTo(Math.sqrt(0.03 * 0.4 * 0.03));
  });

  it('does not let correlated words of a phrase look independent', () => {
    const phrase = tsquerySelectivity("'wire' <-> 'the' <-> 'funds'", stats);
    expect(phrase).toBeGreaterThan(0.001 * 0.6 * 0.001);
    expect(phrase).toBeLessThanOrEqual(0.001);
  });

  it('binds ! before <-> before & before |, and honours parentheses', () => {
    const grouped = tsquerySelectivity("( 'wire' | 'meeting' ) & 'report'", stats);
    const ungrouped = tsquerySelectivity("'wire' | 'meeting' & 'report'", stats);
    expect(grouped).not.toBeCloseTo(ungrouped, 6);
    expect(tsquerySelectivity("'wire' <2> 'funds'", stats)).toBeCloseTo(
      tsquerySelectivity("'wire' <-> 'funds'", stats),
    );
  });

  it('sums the listed lexemes a prefix covers', () => {
    expect(tsquerySelectivity("'report':*", stats)).toBeCloseTo(0.03);
  });

  it('falls back to Postgres’s default without statistics', () => {
    expect(tsquerySelectivity("'meeting'", null)).toBe(DEFAULT_MATCH_SELECTIVITY);
  });

  it('refuses text that is not a tsquery', () => {
    expect(() => tsquerySelectivity("'unterminated", stats)).toThrow();
    expect(() => tsquerySelectivity("'a' 'b'", stats)).toThrow();
  });
});
