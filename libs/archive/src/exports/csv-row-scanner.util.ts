const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface ScannedChunk {
  /** The chunk with each record's terminating LF written as CRLF (CSV) or unchanged (JSON Lines). */
  out: Buffer;
  /** Offsets in `out` just past each record end found in this chunk. */
  recordEnds: number[];
}

/**
 * Finds record ends in a stream of CSV (or JSON Lines) bytes split at arbitrary points. Postgres' COPY ends
 * records with LF; RFC 4180 wants CRLF. An LF ends a record only outside quotes: one inside a quoted field is
 * message content and is kept as it is. Tracking quotes needs one bit — a doubled "" toggles twice — and is
 * byte-safe in UTF-8, where no byte of a multi-byte character is below 0x80.
 */
export class CsvRowScanner {
  private inQuotes = false;

  /** `crlf: false` leaves record ends as LF (JSON Lines, where no LF appears inside a record). */
  constructor(private readonly crlf = true) {}

  push(chunk: Buffer): ScannedChunk {
    const ends: number[] = [];
    let inQuotes = this.inQuotes;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) inQuotes = !inQuotes;
      else if (byte === LF && !inQuotes) ends.push(i);
    }
    this.inQuotes = inQuotes;
    if (!this.crlf) return { out: chunk, recordEnds: ends.map((i) => i + 1) };
    const out = Buffer.allocUnsafe(chunk.length + ends.length);
    const recordEnds: number[] = [];
    let from = 0;
    let to = 0;
    for (const lf of ends) {
      to += chunk.copy(out, to, from, lf);
      out[to++] = CR;
      out[to++] = LF;
      recordEnds.push(to);
      from = lf + 1;
    }
    chunk.copy(out, to, from);
    return { out, recordEnds };
  }

  /** True when the bytes so far end outside a quoted field: a complete stream must. */
  get balanced(): boolean {
    return !this.inQuotes;
  }
}
