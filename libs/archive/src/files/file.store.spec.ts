import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { FileStore } from './file.store.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** A stream that yields `bytes` in small chunks, as a download would. */
function download(bytes: Buffer, chunk = 1000): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  return Readable.from(chunks);
}

describe('FileStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zca-filestore-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stores bytes once under their SHA-256, whatever stream they come from', async () => {
    const bytes = Buffer.from('%PDF-1.7 quarterly report '.repeat(500));
    const store = new FileStore(dir, 1_000_000);
    const first = await store.store(download(bytes), bytes.length);
    const second = await store.store(download(bytes, 333));
    expect(first).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect(second).toEqual(first);
    const hash = sha(bytes);
    expect(await filesUnder(dir)).toEqual([join(hash.slice(0, 2), hash.slice(2, 4), hash)]);
    expect(await readFile(store.path(hash))).toEqual(bytes);
  });

  it('refuses a file announced as too large without reading it', async () => {
    const stream = download(Buffer.alloc(10));
    expect(await new FileStore(dir, 5).store(stream, 10)).toEqual({ tooLarge: true });
    expect(stream.destroyed).toBe(true);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('aborts a file that turns out too large while streaming and keeps nothing of it', async () => {
    const bytes = Buffer.alloc(50_000, 7);
    expect(await new FileStore(dir, 20_000).store(download(bytes), 10)).toEqual({ tooLarge: true });
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('keeps nothing when the download fails midway, and reports the failure', async () => {
    const broken = new Readable({ read() {} });
    broken.push(Buffer.from('partial'));
    setImmediate(() => broken.destroy(new Error('socket hang up')));
    await expect(new FileStore(dir, 1000).store(broken)).rejects.toThrow('socket hang up');
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('accepts a file of exactly the limit, and an empty file', async () => {
    const store = new FileStore(dir, 4);
    expect(await store.store(download(Buffer.from('abcd')))).toMatchObject({ size: 4 });
    expect(await store.store(download(Buffer.alloc(0)))).toEqual({ sha256: sha(Buffer.alloc(0)), size: 0 });
  });

  it('only resolves paths of SHA-256 hex digests', () => {
    const store = new FileStore(dir, 1);
    expect(() => store.path('../../etc/passwd')).toThrow('Not a SHA-256');
    expect(store.path('ab'.repeat(32))).toBe(join(dir, 'ab', 'ab', 'ab'.repeat(32)));
  });
});
