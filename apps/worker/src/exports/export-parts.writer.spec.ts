import { createHash } from 'node:crypto';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ExportPartsWriter, type PartsOptions } from './export-parts.writer.js';

/** A sink that keeps every entry's bytes, read slowly so the writer must wait for it. */
class MemorySink {
  readonly entries = new Map<string, Buffer[]>();
  private readonly ended: Promise<void>[] = [];

  entry(name: string): Writable {
    const chunks: Buffer[] = [];
    this.entries.set(name, chunks);
    const stream = new PassThrough({ highWaterMark: 16 });
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      stream.pause();
      setImmediate(() => stream.resume());
    });
    this.ended.push(new Promise((resolve) => stream.on('end', resolve)));
    return stream;
  }

  async drained(): Promise<void> {
    await Promise.all(this.ended);
  }

  text(name: string): string {
    return Buffer.concat(this.entries.get(name) ?? []).toString('utf8');
  }
}

async function write(input: string[], options: Partial<PartsOptions> = {}) {
  const sink = new MemorySink();
  const writer = new ExportPartsWriter(sink, {
    name: (i) => `part-${i}.csv`,
    header: true,
    csv: true,
    bom: false,
    rowsPerFile: null,
    ...options,
  });
  await pipeline(Readable.from(input.map((s) => Buffer.from(s, 'utf8'))), writer);
  await sink.drained();
  return { sink, writer };
}

const sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

describe('ExportPartsWriter', () => {
  it('splits after rowsPerFile rows, repeating the BOM and header in each file, and hashes each file', async () => {
    const { sink, writer } = await write(['id,t', 'xt\n1,"a\nb"\n2,', 'b\n3,c\n4,d\n5,e\n'], {
      rowsPerFile: 2,
      bom: true,
    });
    const bom = '\uFEFF';
    expect([...sink.entries.keys()]).toEqual(['part-1.csv', 'part-2.csv', 'part-3.csv']);
    expect(sink.text('part-1.csv')).toBe(`${bom}id,txt\r\n1,"a\nb"\r\n2,b\r\n`);
    expect(sink.text('part-2.csv')).toBe(`${bom}id,txt\r\n3,c\r\n4,d\r\n`);
    expect(sink.text('part-3.csv')).toBe(`${bom}id,txt\r\n5,e\r\n`);
    expect(writer.rows).toBe(5);
    expect(writer.files).toEqual(
      ['part-1.csv', 'part-2.csv', 'part-3.csv'].map((name, i) => ({
        name,
        rows: i < 2 ? 2 : 1,
        bytes: Buffer.byteLength(sink.text(name)),
        sha256: sha256(sink.text(name)),
      })),
    );
  });

  it('starts no empty file when the rows divide evenly', async () => {
    const { sink } = await write(['h\n1\n2\n'], { rowsPerFile: 1 });
    expect([...sink.entries.keys()]).toEqual(['part-1.csv', 'part-2.csv']);
  });

  it('writes the header alone when nothing was selected', async () => {
    const { sink, writer } = await write(['id,text\n']);
    expect(sink.text('part-1.csv')).toBe('id,text\r\n');
    expect(writer.files[0].rows).toBe(0);
  });

  it('writes JSON Lines without header or BOM, as they came', async () => {
    const { sink, writer } = await write(['{"a":1}\n{"a":', '2}\n'], { header: false, csv: false, bom: false });
    expect(sink.text('part-1.csv')).toBe('{"a":1}\n{"a":2}\n');
    expect(writer.rows).toBe(2);
  });

  it('fails a stream that ends inside a quoted field rather than write a broken file', async () => {
    await expect(write(['id\n"open\n'])).rejects.toThrow('inside a quoted field');
  });
});
