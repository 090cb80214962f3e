/** A tsquery as a tree: parsed from, and written back to, Postgres's text form of tsquery. */
export type TsqueryNode =
  | { op: 'lexeme'; text: string; prefix: boolean }
  | { op: 'not'; arg: TsqueryNode }
  | { op: 'and' | 'or' | 'phrase'; left: TsqueryNode; right: TsqueryNode };

export function parseTsquery(text: string): TsqueryNode {
  return new TsqueryParser(text).parse();
}

/** Text Postgres reads back as the same tree; phrase distances are not kept (only used for the index query). */
export function formatTsquery(node: TsqueryNode): string {
  switch (node.op) {
    case 'lexeme':
      return `'${node.text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${node.prefix ? ':*' : ''}`;
    case 'not':
      return `!( ${formatTsquery(node.arg)} )`;
    case 'and':
      return `( ${formatTsquery(node.left)} & ${formatTsquery(node.right)} )`;
    case 'or':
      return `( ${formatTsquery(node.left)} | ${formatTsquery(node.right)} )`;
    case 'phrase':
      return `( ${formatTsquery(node.left)} <-> ${formatTsquery(node.right)} )`;
  }
}

/**
 * Reads tsquery's text output (what `websearch_to_tsquery(...)::text` returns): quoted lexemes with ''
 * escapes and optional `:*` / weights, `!`, `<->` / `<N>`, `&`, `|`, parentheses; binding in that order.
 */
class TsqueryParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): TsqueryNode {
    const node = this.or();
    this.skipSpace();
    if (this.pos !== this.text.length) throw new Error(`Unexpected tsquery text at ${this.pos}: ${this.text}`);
    return node;
  }

  private or(): TsqueryNode {
    let node: TsqueryNode = this.and();
    while (this.accept('|')) node = { op: 'or', left: node, right: this.and() };
    return node;
  }

  private and(): TsqueryNode {
    let node: TsqueryNode = this.phrase();
    while (this.accept('&')) node = { op: 'and', left: node, right: this.phrase() };
    return node;
  }

  private phrase(): TsqueryNode {
    let node: TsqueryNode = this.unary();
    for (;;) {
      this.skipSpace();
      const distance = /^<(-|\d+)>/.exec(this.text.slice(this.pos));
      if (!distance) return node;
      this.pos += distance[0].length;
      node = { op: 'phrase', left: node, right: this.unary() };
    }
  }

  private unary(): TsqueryNode {
    if (this.accept('!')) return { op: 'not', arg: this.unary() };
    if (this.accept('(')) {
      const node = this.or();
      if (!this.accept(')')) throw new Error(`Unbalanced tsquery: ${this.text}`);
      return node;
    }
    return this.lexeme();
  }

  private lexeme(): TsqueryNode {
    this.skipSpace();
    if (this.text[this.pos] !== "'") throw new Error(`Expected a lexeme at ${this.pos}: ${this.text}`);
    let value = '';
    for (this.pos++; ; this.pos++) {
      if (this.pos >= this.text.length) throw new Error(`Unterminated lexeme: ${this.text}`);
      const c = this.text[this.pos];
      if (c === "'" && this.text[this.pos + 1] === "'") {
        value += "'";
        this.pos++;
      } else if (c === "'") {
        this.pos++;
        break;
      } else if (c === '\\' && this.pos + 1 < this.text.length) {
        value += this.text[++this.pos];
      } else {
        value += c;
      }
    }
    const flags = /^:[*A-D]+/.exec(this.text.slice(this.pos));
    if (flags) this.pos += flags[0].length;
    return { op: 'lexeme', text: value, prefix: flags?.[0].includes('*') ?? false };
  }

  private accept(token: string): boolean {
    this.skipSpace();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  private skipSpace(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }
}
