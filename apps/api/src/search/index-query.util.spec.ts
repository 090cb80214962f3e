import { indexQuery } from './index-query.util.js';

const stats = {
  frequencies: new Map([
    ['the', 0.63],
    ['report', 0.02],
    ['wire', 0.0012],
    ['funds', 0.0012],
    ['meeting', 0.03],
  ]),
  minFrequency: 0.00003,
};

describe('indexQuery', () => {
  it('leaves out a very common word of a phrase: the index reads the rare words, the phrase is rechecked', () => {
    expect(indexQuery("'wire' <-> 'the' <-> 'funds'", stats)).toBe("( 'wire' & 'funds' )");
  });

  it('keeps a moderately common word that still narrows the candidates enough to pay for its postings', () => {
    expect(indexQuery("'wire' & 'report'", stats)).toBeNull();
  });

  it('keeps a common word when dropping it would let through more rows than its postings cost', () => {
    expect(indexQuery("'the' <-> 'meeting'", stats)).toBeNull();
  });

  it('leaves exclusions to the recheck', () => {
    expect(indexQuery("'wire' & !'draft'", stats)).toBe("'wire'");
  });

  it('needs no index query for a single word, an OR, a pure exclusion, or without statistics', () => {
    expect(indexQuery("'wire'", stats)).toBeNull();
    expect(indexQuery("'wire' | 'the'", stats)).toBeNull();
    expect(indexQuery("!'wire'", stats)).toBeNull();
    expect(indexQuery("'wire' <-> 'the'", null)).toBeNull();
  });

  it('writes lexemes back the way Postgres reads them', () => {
    expect(indexQuery("'o''brien' <-> 'the' <-> 'back\\\\slash'", stats)).toBe("( 'o''brien' & 'back\\\\slash' )");
  });
});
