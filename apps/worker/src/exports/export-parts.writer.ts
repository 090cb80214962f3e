import { createHash, type Hash } from 'node:crypto';
import { Writable } from 'node:stream';
import { CsvRowScanner, type ExportFileEntry, UTF8_BOM } from '#libs/archive';

/** Where the parts go: one writable per file, in order. */
export interface PartSink {
  entry(name: string): Writable;
}

export interface PartsOptions {
  /** The name of the n-th file (1-based). */
  name(index: number): string;
  /** The stream's first record is a header, repeated at the top of every file and not counted as a row. */
  header: boolean;
  /** CSV: CRLF record ends, quotes tracked. JSON Lines: LF, no quotes. */
  csv: boolean;
  bom: boolean;
  rowsPerFile: number | null;
}

interface OpenPart {
  name: string;
  stream: Writable;
  hash: Hash;
  rows: number;
  bytes: number;
}

/**
 * Cuts a stream of records (COPY's CSV, or JSON Lines) into files of at most `rowsPerFile` rows, each with
 * the BOM and header when asked, and records each file's rows, size and SHA-256 as it is written. Writes
 * wait for the sink to drain, so memory stays bounded whatever the row count.
 */
export class ExportPartsWriter extends Writable {
  readonly files: ExportFileEntry[] = [];
  /** Rows written so far, headers excluded. */
  rows = 0;
  private readonly scanner: CsvRowScanner;
  private headerChunks: Buffer[] | null;
  private headerBytes: Buffer | null = null;
  private part: OpenPart | null = null;
  private pendingDrain: Writable | null = null;

  constructor(
    private readonly sink: PartSink,
    private readonly options: PartsOptions,
  ) {
    super();
    this.scanner = new CsvRowScanner(options.csv);
    this.headerChunks = options.header ? [] : null;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    try {
      const { out, recordEnds } = this.scanner.push(chunk);
      let start = 0;
      let ends = recordEnds;
      if (this.headerChunks) {
        if (ends.length === 0) {
          this.headerChunks.push(out);
          callback();
          return;
        }
        this.headerBytes = Buffer.concat([...this.headerChunks, out.subarray(0, ends[0])]);
        this.headerChunks = null;
        start = ends[0];
        ends = ends.slice(1);
      }
      for (const end of ends) {
        const part = this.part ?? this.open();
        part.rows += 1;
        this.rows += 1;
        if (this.options.rowsPerFile !== null && part.rows >= this.options.rowsPerFile) {
          this.put(part, out.subarray(start, end));
          this.close(part);
          start = end;
        }
      }
      if (start < out.length) this.put(this.part ?? this.open(), out.subarray(start));
      this.afterDrain(callback);
    } catch (error) {
      callback(error as Error);
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (!this.scanner.balanced) {
      callback(new Error('The export stream ended inside a quoted field'));
      return;
    }
    // An export of nothing is still a file: the header alone (CSV) or empty (JSON Lines).
    if (this.headerChunks?.length) this.headerBytes = Buffer.concat(this.headerChunks);
    if (!this.part && this.files.length === 0) this.open();
    if (this.part) this.close(this.part);
    callback();
  }

  private open(): OpenPart {
    const name = this.options.name(this.files.length + 1);
    const part: OpenPart = { name, stream: this.sink.entry(name), hash: createHash('sha256'), rows: 0, bytes: 0 };
    this.part = part;
    if (this.options.bom) this.put(part, UTF8_BOM);
    if (this.headerBytes) this.put(part, this.headerBytes);
    return part;
  }

  private put(part: OpenPart, bytes: Buffer): void {
    if (bytes.length === 0) return;
    part.hash.update(bytes);
    part.bytes += bytes.length;
    if (!part.stream.write(bytes)) this.pendingDrain = part.stream;
  }

  private close(part: OpenPart): void {
    part.stream.end();
    this.files.push({ name: part.name, rows: part.rows, bytes: part.bytes, sha256: part.hash.digest('hex') });
    this.part = null;
  }

  private afterDrain(callback: () => void): void {
    const waiting = this.pendingDrain;
    this.pendingDrain = null;
    // An ended stream never emits 'drain' again; the zip reads what it holds before the next entry.
    if (!waiting || waiting.writableEnded || !waiting.writableNeedDrain) {
      callback();
      return;
    }
    waiting.once('drain', () => callback());
  }
}
