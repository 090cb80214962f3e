import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type StoreResult = { sha256: string; size: number } | { tooLarge: true };

const SHA256 = /^[0-9a-f]{64}$/;

class TooLargeError extends Error {}

/**
 * Content-addressed file bytes: each distinct content is stored once, at dir/ab/cd/<sha256>. Bytes are
 * written to dir/tmp first and renamed into place, so a file at its final path is always complete and its
 * name always matches its content.
 */
export class FileStore {
  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  path(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores the stream's bytes; gives up (keeping nothing) as soon as they exceed maxBytes. */
  async store(stream: Readable, expectedSize?: number): Promise<StoreResult> {
    if (expectedSize !== undefined && expectedSize > this.maxBytes) {
      stream.destroy();
      return { tooLarge: true };
    }
    // The stream may fail while the directory is made, before pipeline() listens: without a listener of
    // our own that error would crash the process. pipeline() still sees it (stream.errored) and rejects.
    const ignore = () => undefined;
    stream.on('error', ignore);
    try {
      const tmpDir = join(this.dir, 'tmp');
      await mkdir(tmpDir, { recursive: true });
      const tmp = join(tmpDir, randomUUID());
      const written = await this.writeTemp(stream, tmp);
      if ('sha256' in written) await this.moveIntoPlace(tmp, this.path(written.sha256));
      return written;
    } finally {
      stream.off('error', ignore);
    }
  }

  private async writeTemp(stream: Readable, tmp: string): Promise<StoreResult> {
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform: (chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) => {
        size += chunk.length;
        if (size > this.maxBytes) return done(new TooLargeError());
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(stream, meter, createWriteStream(tmp, { flags: 'wx', flush: true }));
      return { sha256: hash.digest('hex'), size };
    } catch (error) {
      await rm(tmp, { force: true });
      if (error instanceof TooLargeError) return { tooLarge: true };
      throw error;
    }
  }

  private async moveIntoPlace(tmp: string, target: string): Promise<void> {
    if (await exists(target)) {
      await rm(tmp, { force: true });
      return;
    }
    await mkdir(join(target, '..'), { recursive: true });
    await rename(tmp, target);
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
