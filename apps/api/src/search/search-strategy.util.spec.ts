import { chooseStrategy } from './search-strategy.util.js';

const total = 5_000_000;

describe('chooseStrategy', () => {
  it('reads a rare term from the index: a few hundred matches beat walking ~100 000 messages', () => {
    expect(chooseStrategy({ matches: 250, filtered: total, total }, 50)).toBe('index-first');
  });

  it('walks for a common term: 51 hits turn up within a few hundred messages', () => {
    expect(chooseStrategy({ matches: 1_000_000, filtered: total, total }, 50)).toBe('walk');
  });

  it('walks when the filters leave fewer messages than the term matches', () => {
    expect(chooseStrategy({ matches: 40_000, filtered: 900, total }, 50)).toBe('walk');
  });

  it('reads the index when the term is rarer than what the filters leave', () => {
    expect(chooseStrategy({ matches: 300, filtered: 900, total }, 50)).toBe('index-first');
  });

  it('leans to the index near the crossover, where over-estimated matches would make a walk long', () => {
    // sqrt(51 * 5M) ≈ 16 000 matches is where both do the same work; below 1.5× that, the index wins.
    expect(chooseStrategy({ matches: 16_000, filtered: total, total }, 50)).toBe('index-first');
    expect(chooseStrategy({ matches: 40_000, filtered: total, total }, 50)).toBe('walk');
  });

  it('a bigger page needs more walking, so the index wins more often', () => {
    expect(chooseStrategy({ matches: 25_000, filtered: total, total }, 10)).toBe('walk');
    expect(chooseStrategy({ matches: 25_000, filtered: total, total }, 200)).toBe('index-first');
  });

  it('reads the index while the tables have no statistics yet', () => {
    expect(chooseStrategy({ matches: 0, filtered: 0, total: 0 }, 50)).toBe('index-first');
  });

  it('walks when the filters leave nothing to walk', () => {
    expect(chooseStrategy({ matches: 500, filtered: 0, total }, 50)).toBe('walk');
  });
});
