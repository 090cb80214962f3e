import { parse } from 'csv-parse/sync';
import { CsvRowScanner } from './csv-row-scanner.util.js';

/** Feeds `text` to a scanner in pieces of `size` bytes and joins what comes out. */
function scan(text: string, size: number, crlf = true): { out: string; ends: number } {
  const scanner = new CsvRowScanner(crlf);
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let ends = 0;
  for (let i = 0; i < bytes.length; i += size) {
    const { out, recordEnds } = scanner.push(bytes.subarray(i, i + size));
    parts.push(out);
    ends += recordEnds.length;
  }
  expect(scanner.balanced).toBe(true);
  return { out: Buffer.concat(parts).toString('utf8'), ends };
}

// What COPY … (FORMAT csv) writes: LF record ends; quoted fields with doubled quotes, LF, CR, commas.
const COPY_OUTPUT =
  'id,text\n' +
  'a,plain\n' +
  'b,"line one\nline two"\n' +
  'c,"say ""hi"", then\r\nleave"\n' +
  'd,"🚀 مرحبا, ""quoted""\n"\n' +
  'e,\n' +
  'f,""\n';

describe('CsvRowScanner', () => {
  it.each([1, 2, 3, 7, 64, 4096])(
    'ends records with CRLF and leaves LF inside quotes alone (chunks of %i bytes)',
    (size) => {
      const { out, ends } = scan(COPY_OUTPUT, size);
      expect(ends).toBe(7);
      expect(out).toBe(
        'id,text\r\na,plain\r\nb,"line one\nline two"\r\nc,"say ""hi"", then\r\nleave"\r\n' +
          'd,"🚀 مرحبا, ""quoted""\n"\r\ne,\r\nf,""\r\n',
      );
      const records = parse(out, { record_delimiter: '\r\n' }) as string[][];
      expect(records.map((r) => r[1])).toEqual([
        'text',
        'plain',
        'line one\nline two',
        'say "hi", then\r\nleave',
        '🚀 مرحبا, "quoted"\n',
        '',
        '',
      ]);
    },
  );

  it('reports the offset after each record end in its output', () => {
    const scanner = new CsvRowScanner(true);
    const { out, recordEnds } = scanner.push(Buffer.from('a,"x\ny"\nb,c\nd'));
    expect(recordEnds.map((end) => out.subarray(0, end).toString())).toEqual(['a,"x\ny"\r\n', 'a,"x\ny"\r\nb,c\r\n']);
  });

  it('knows when a stream stops inside a quoted field', () => {
    const scanner = new CsvRowScanner(true);
    scanner.push(Buffer.from('a,"unfinished\n'));
    expect(scanner.balanced).toBe(false);
  });

  it('leaves JSON Lines as they are and counts every LF', () => {
    const lines = '{"t":"a \\"q\\" \\n"}\n{"t":"b"}\n';
    expect(scan(lines, 5, false)).toEqual({ out: lines, ends: 2 });
  });
});
