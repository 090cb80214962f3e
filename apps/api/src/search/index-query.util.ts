import { type LexemeFrequencies, tsquerySelectivity } from './tsquery-selectivity.util.js';
import { type TsqueryNode, formatTsquery, parseTsquery } from './tsquery-tree.util.js';

/**
 * Reading a GIN posting list costs about as much per entry as 1/500 of fetching a heap row (measured: the
 * list of "the", in 63 % of 1 M versions, takes ~25 ms; a candidate row ~10-30 µs).
 */
const POSTINGS_PER_ROW_FETCH = 500;

/**
 * The query the GIN index should answer for an index-first search: the full query, or a weaker one whose
 * matches include all of its matches. A phrase or AND with a very common word ("wire the funds") makes GIN
 * read that word's whole posting list, millions of entries, only to intersect it with a few thousand; the
 * phrase needs a recheck of every candidate row anyway. So conjuncts are dropped when reading their posting
 * list costs more than fetching the extra candidate rows dropping them lets through, and exclusions
 * (`-word`) are always dropped from the index query; the full query is still applied to every candidate.
 * Returns null when the full query is the best index query.
 */
export function indexQuery(tsquery: string, stats: LexemeFrequencies | null): string | null {
  if (!stats) return null;
  const tree = parseTsquery(tsquery);
  if (tree.op !== 'and' && tree.op !== 'phrase') return null;
  const conjuncts = flattenConjunction(tree);
  let kept = conjuncts.filter((c) => c.op !== 'not');
  if (kept.length === 0) return null;
  for (const candidate of [...kept].sort((a, b) => frequency(b, stats) - frequency(a, stats))) {
    if (kept.length === 1 || candidate.op !== 'lexeme') break;
    const rest = kept.filter((c) => c !== candidate);
    const f = frequency(candidate, stats);
    const restShare = tsquerySelectivity(conjunction(rest), stats);
    if (f / Math.max(1e-9, 1 - f) <= POSTINGS_PER_ROW_FETCH * restShare) break;
    kept = rest;
  }
  return kept.length === conjuncts.length ? null : formatTsquery(conjunction(kept));
}

/** Operands of a chain of AND and phrase operators: each alone is implied by the whole. */
function flattenConjunction(node: TsqueryNode): TsqueryNode[] {
  return node.op === 'and' || node.op === 'phrase'
    ? [...flattenConjunction(node.left), ...flattenConjunction(node.right)]
    : [node];
}

function conjunction(nodes: TsqueryNode[]): TsqueryNode {
  return nodes.reduce((left, right) => ({ op: 'and', left, right }));
}

function frequency(node: TsqueryNode, stats: LexemeFrequencies): number {
  return node.op === 'lexeme' ? tsquerySelectivity(node, stats) : 0;
}
