import { PassThrough } from 'node:stream';
import { inspect } from 'node:util';
import { guardedBody } from './download-stream.js';
import { ZoomRetryableError } from './zoom-errors.js';

async function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('guardedBody', () => {
  it('passes the bytes through unchanged', async () => {
    const source = new PassThrough();
    const body = guardedBody(source, 'downloadFile');
    source.end(Buffer.from('hello bytes'));
    expect((await read(body)).toString()).toBe('hello bytes');
  });

  it('replaces a mid-transfer error, which carries the request headers, with a retryable one that does not', async () => {
    const source = new PassThrough();
    const body = guardedBody(source, 'downloadFile');
    source.write(Buffer.from('part'));
    const leaky = Object.assign(new Error('socket hang up'), {
      code: 'ECONNRESET',
      options: { headers: { authorization: 'Bearer eyJsecret' } },
    });
    setImmediate(() => source.destroy(leaky));
    const error = await read(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZoomRetryableError);
    expect(error).toMatchObject({ networkCode: 'ECONNRESET', operationId: 'downloadFile' });
    expect(inspect(error, { depth: 10 })).not.toContain('eyJsecret');
  });

  it('stops the source when the caller abandons the body', () => {
    const source = new PassThrough();
    guardedBody(source, 'downloadFile').destroy();
    return new Promise<void>((resolve) => source.once('close', () => resolve()));
  });
});
