import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Rng, hashString } from './prng.util.js';

const CHUNK = 64 * 1024;

/** The bytes of a generated file: deterministic from the seed and file id, produced chunk by chunk. */
export function generatedFileChunk(seed: number, fileId: string, size: number, chunk: number): Buffer {
  const length = Math.min(CHUNK, size - chunk * CHUNK);
  const rng = new Rng(seed, 20, hashString(fileId), chunk);
  const buf = Buffer.allocUnsafe(length);
  let i = 0;
  for (; i + 4 <= length; i += 4) buf.writeUInt32LE(rng.uint32(), i);
  for (; i < length; i++) buf[i] = rng.uint32() & 0xff;
  return buf;
}

export function generatedFileStream(seed: number, fileId: string, size: number): Readable {
  const chunks = Math.ceil(size / CHUNK);
  let next = 0;
  return new Readable({
    read() {
      if (next >= chunks) this.push(null);
      else this.push(generatedFileChunk(seed, fileId, size, next++));
    },
  });
}

export function generatedFileSha256(seed: number, fileId: string, size: number): string {
  const hash = createHash('sha256');
  const chunks = Math.ceil(size / CHUNK);
  for (let c = 0; c < chunks; c++) hash.update(generatedFileChunk(seed, fileId, size, c));
  return hash.digest('hex');
}
