import { type TsqueryNode, parseTsquery } from './tsquery-tree.util.js';

/**
 * The share of versions a tsquery matches, estimated from the lexeme statistics of message_versions.search
 * as Postgres estimates `@@` (ts_selfuncs.c) — a listed lexeme has its sampled frequency, an unlisted one at
 * most half the smallest listed frequency, OR adds, NOT complements — with one change: Postgres multiplies
 * AND and phrase operands as if words were independent, and words of one message are not ("wire" and
 * "funds" in "wire the funds": estimated 1 match, 1 400 found). We take the geometric mean of that product
 * and its upper bound, the rarer operand, which keeps a common pair from looking rare.
 * Computed here from cached statistics because asking the planner costs a detoast of the whole lexeme list
 * on every search (5-10 ms with the raised statistics target).
 */
export interface LexemeFrequencies {
  /** Lexeme → share of rows containing it. */
  frequencies: ReadonlyMap<string, number>;
  /** Smallest listed frequency; unlisted lexemes are rarer than every listed one. */
  minFrequency: number;
}

/** Postgres's DEFAULT_TS_MATCH_SEL: the guess without statistics. */
export const DEFAULT_MATCH_SELECTIVITY = 0.005;

export function tsquerySelectivity(tsquery: string | TsqueryNode, stats: LexemeFrequencies | null): number {
  if (!stats || stats.frequencies.size === 0) return DEFAULT_MATCH_SELECTIVITY;
  return clamp(selectivity(typeof tsquery === 'string' ? parseTsquery(tsquery) : tsquery, stats));
}

function selectivity(node: TsqueryNode, stats: LexemeFrequencies): number {
  switch (node.op) {
    case 'lexeme':
      return node.prefix ? prefixSelectivity(node.text, stats) : lexemeSelectivity(node.text, stats);
    case 'not':
      return 1 - clamp(selectivity(node.arg, stats));
    case 'or': {
      const [a, b] = [clamp(selectivity(node.left, stats)), clamp(selectivity(node.right, stats))];
      return a + b - a * b;
    }
    default: {
      const [a, b] = [clamp(selectivity(node.left, stats)), clamp(selectivity(node.right, stats))];
      return Math.sqrt(a * b * Math.min(a, b));
    }
  }
}

function lexemeSelectivity(lexeme: string, stats: LexemeFrequencies): number {
  return stats.frequencies.get(lexeme) ?? Math.min(DEFAULT_MATCH_SELECTIVITY, stats.minFrequency / 2);
}

/** `word:*`: the listed lexemes it covers, at least what an unlisted one would get. */
function prefixSelectivity(prefix: string, stats: LexemeFrequencies): number {
  let sum = 0;
  for (const [lexeme, frequency] of stats.frequencies) if (lexeme.startsWith(prefix)) sum += frequency;
  return Math.max(sum, Math.min(DEFAULT_MATCH_SELECTIVITY, stats.minFrequency / 2));
}

const clamp = (s: number) => Math.min(1, Math.max(0, s));
