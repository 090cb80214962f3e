import { Transform, type TransformCallback } from 'node:stream';
import { CsvRowScanner } from './csv-row-scanner.util.js';

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** COPY's CSV as RFC 4180 wants it on the wire: CRLF record ends, optionally a UTF-8 BOM first. */
export class CsvCrlfTransform extends Transform {
  private readonly scanner = new CsvRowScanner(true);
  private started = false;
  /** Records passed, the header included. */
  records = 0;

  constructor(private readonly bom: boolean) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.started && this.bom) this.push(UTF8_BOM);
    this.started = true;
    const { out, recordEnds } = this.scanner.push(chunk);
    this.records += recordEnds.length;
    callback(null, out);
  }

  override _flush(callback: TransformCallback): void {
    if (!this.started && this.bom) this.push(UTF8_BOM);
    callback(this.scanner.balanced ? null : new Error('The CSV stream ended inside a quoted field'));
  }
}
