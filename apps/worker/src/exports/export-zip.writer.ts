import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { PassThrough, type Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/** Entries are buffered at most this much each while the zip catches up: memory stays bounded. */
const ENTRY_BUFFER_BYTES = 1024 * 1024;

/**
 * A zip written as its entries stream in (yazl: streaming, pure JavaScript), with the SHA-256 and size of the
 * whole file taken on the way to disk. Entries are written one after the other in the order they are added.
 */
export class ZipArtifactWriter {
  private readonly zip = new yazl.ZipFile();
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly written: Promise<void>;
  private readonly mtime = new Date();

  constructor(
    readonly path: string,
    private readonly level: number,
  ) {
    const measure = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        callback(null, chunk);
      },
    });
    this.written = pipeline(this.zip.outputStream, measure, createWriteStream(path));
    // Awaited in finish(); an abort must not surface as an unhandled rejection meanwhile.
    this.written.catch(() => undefined);
  }

  /** A new entry: write its bytes to the returned stream and end it. */
  entry(name: string): Writable {
    const input = new PassThrough({ highWaterMark: ENTRY_BUFFER_BYTES });
    this.zip.addReadStream(input, name, { mtime: this.mtime, compressionLevel: this.level });
    return input;
  }

  addBuffer(content: Buffer, name: string): void {
    this.zip.addBuffer(content, name, { mtime: this.mtime, compressionLevel: this.level });
  }

  async finish(): Promise<{ bytes: number; sha256: string }> {
    this.zip.end();
    await this.written;
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  /** Stops writing and removes the partial file. */
  async abort(): Promise<void> {
    (this.zip.outputStream as Readable).destroy();
    await this.written.catch(() => undefined);
    await rm(this.path, { force: true });
  }
}
