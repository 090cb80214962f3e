import { randomBytes } from 'node:crypto';
import { validateZoomResponse } from '../../../test/support/openapi-validator.js';
import type { TenantChannel, TenantUser } from '../src/tenant/tenant-model.js';
import { type EmulatorHandle, startEmulator } from './emulator.harness.js';

const MB = 1024 * 1024;
/** Multi-megabyte bodies through the multipart parser take a few seconds. */
const LARGE_UPLOAD_TIMEOUT_MS = 30_000;

describe('chat files (#17 upload, #14 send)', () => {
  let emu: EmulatorHandle;
  let token: string;
  let channel: TenantChannel;
  let alice: TenantUser;
  let bob: TenantUser;

  beforeAll(async () => {
    emu = await startEmulator();
    token = await emu.accountToken();
    const internal = (c: TenantChannel) =>
      [...c.members.keys()].map((idx) => emu.tenant.dir.users[idx]).filter((u) => !u.external && !u.isBot);
    channel = emu.tenant.dir.channels.find(
      (c) => !c.deleted && c.settings.posting_permissions === 1 && internal(c).length >= 2,
    )!;
    [alice, bob] = internal(channel);
  });
  afterAll(() => emu.close());

  const uploadPath = (userId: string) => `/v2/chat/users/${encodeURIComponent(userId)}/files`;
  const sendFilePath = (userId: string) => `/v2/chat/users/${encodeURIComponent(userId)}/messages/files`;
  const messagePath = (userId: string, id: string) =>
    `/v2/chat/users/${encodeURIComponent(userId)}/messages/${encodeURIComponent(id)}`;

  function form(field: string, files: { name: string; bytes: Buffer }[], fields: Record<string, string> = {}) {
    const data = new FormData();
    for (const file of files) data.append(field, new Blob([new Uint8Array(file.bytes)]), file.name);
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return data;
  }

  async function upload(userId: string, name: string, bytes: Buffer) {
    const res = await emu.request('POST', uploadPath(userId), { token, body: form('file', [{ name, bytes }]) });
    if (res.status === 201) expect(validateZoomResponse('uploadAChatFile', 201, res.body)).toEqual([]);
    return res;
  }

  async function sendFile(userId: string, files: { name: string; bytes: Buffer }[], fields: Record<string, string>) {
    const res = await emu.request('POST', sendFilePath(userId), { token, body: form('files', files, fields) });
    if (res.status === 201) expect(validateZoomResponse('sendChatFile', 201, res.body)).toEqual([]);
    return res;
  }

  async function getMessage(userId: string, id: string, query: Record<string, string>) {
    const res = await emu.get(messagePath(userId, id), { token, query });
    expect(res.status).toBe(200);
    expect(validateZoomResponse('getChatMessage', 200, res.body)).toEqual([]);
    return res.body;
  }

  async function download(url: string, bearer?: string) {
    const res = await fetch(url, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  describe('POST /chat/users/{userId}/files (#17)', () => {
    it('uploads a file that a message then carries, downloadable byte for byte', async () => {
      const bytes = randomBytes(150_000);
      const up = await upload(alice.id, 'report Q3.pdf', bytes);
      expect(up.status).toBe(201);
      expect(Object.keys(up.body)).toEqual(['id']);
      expect(emu.tenant.uploadedFile(up.body.id)).toMatchObject({ fileName: 'report Q3.pdf', fileSize: bytes.length });

      const sent = await emu.request('POST', `/v2/chat/users/${alice.id}/messages`, {
        token,
        body: { message: 'see attached', to_channel: channel.id, file_ids: [up.body.id] },
      });
      expect(sent.status).toBe(201);
      expect(validateZoomResponse('sendaChatMessage', 201, sent.body)).toEqual([]);

      const message = await getMessage(bob.id, sent.body.id, { to_channel: channel.id });
      expect(message).toMatchObject({
        message: 'see attached',
        message_type: 'file_and_text',
        file_id: up.body.id,
        file_name: 'report Q3.pdf',
        file_size: bytes.length,
        files: [{ file_id: up.body.id, file_name: 'report Q3.pdf', file_size: bytes.length }],
      });
      expect(message.download_url).toBe(message.files[0].download_url);

      const got = await download(message.download_url, token);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(bytes)).toBe(true);
      expect((await download(message.download_url)).status).toBe(401);
    });

    it('lets only the uploader attach the file (5404)', async () => {
      const up = await upload(alice.id, 'notes.txt', Buffer.from('private notes'));
      const res = await emu.request('POST', `/v2/chat/users/${bob.id}/messages`, {
        token,
        body: { message: 'borrowed', to_channel: channel.id, file_ids: [up.body.id] },
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 5404, message: `File does not exist: ${up.body.id}.` });
    });

    it('replaces or clears a file message’s files on edit, but never adds files to plain text', async () => {
      const first = await upload(alice.id, 'v1.csv', Buffer.from('a,b\n1,2\n'));
      const second = await upload(alice.id, 'v2.csv', Buffer.from('a,b\n3,4\n'));
      const sent = await emu.request('POST', `/v2/chat/users/${alice.id}/messages`, {
        token,
        body: { message: 'data', to_channel: channel.id, file_ids: [first.body.id] },
      });
      const edit = (body: Record<string, unknown>) =>
        emu.request('PUT', messagePath(alice.id, sent.body.id), { token, body: { to_channel: channel.id, ...body } });

      expect((await edit({ file_ids: [second.body.id] })).status).toBe(204);
      let message = await getMessage(bob.id, sent.body.id, { to_channel: channel.id });
      expect(message.files.map((f: any) => f.file_name)).toEqual(['v2.csv']);
      expect(message.message).toBe('data');

      expect((await edit({ message: 'no data', file_ids: [] })).status).toBe(204);
      message = await getMessage(bob.id, sent.body.id, { to_channel: channel.id });
      expect(message.files).toBeUndefined();
      expect(message).toMatchObject({ message: 'no data', message_type: 'plain_text_message' });

      const plain = await emu.request('POST', `/v2/chat/users/${alice.id}/messages`, {
        token,
        body: { message: 'just text', to_channel: channel.id },
      });
      const refused = await emu.request('PUT', messagePath(alice.id, plain.body.id), {
        token,
        body: { to_channel: channel.id, file_ids: [second.body.id] },
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({
        code: 300,
        message: 'A plain text message that is sent without any files is not allowed to update with the file.',
      });
    });

    it(
      'refuses a missing file, a bad postToPersonalChat and files over 64 MB',
      async () => {
        const empty = await emu.request('POST', uploadPath(alice.id), { token, body: form('file', []) });
        expect(empty.status).toBe(400);
        expect(empty.body.code).toBe(300);
        expect(validateZoomResponse('uploadAChatFile', 400, empty.body)).toEqual([]);

        const flag = await emu.request('POST', uploadPath(alice.id), {
          token,
          query: { postToPersonalChat: 'maybe' },
          body: form('file', [{ name: 'a.txt', bytes: Buffer.from('a') }]),
        });
        expect(flag.status).toBe(400);

        const huge = await upload(alice.id, 'huge.bin', Buffer.alloc(64 * MB + 1));
        expect(huge.status).toBe(400);
        expect(huge.body).toEqual({ code: 300, message: 'Maximum file size exceeded: 64MB' });

        const unknownUser = await upload('ghost@example.com', 'a.txt', Buffer.from('a'));
        expect(unknownUser.status).toBe(404);
        expect(unknownUser.body.code).toBe(1001);

        const anonymous = await emu.request('POST', uploadPath(alice.id), {
          body: form('file', [{ name: 'a.txt', bytes: Buffer.from('a') }]),
        });
        expect(anonymous.status).toBe(401);
        expect(anonymous.body.code).toBe(124);
      },
      LARGE_UPLOAD_TIMEOUT_MS,
    );
  });

  describe('POST /chat/users/{userId}/messages/files (#14)', () => {
    it('sends one file to a channel; the message lists it and serves its bytes', async () => {
      const bytes = randomBytes(40_000);
      const res = await sendFile(alice.id, [{ name: 'whiteboard.png', bytes }], { to_channel: channel.id });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body)).toEqual(['id']);

      const message = await getMessage(bob.id, res.body.id, { to_channel: channel.id });
      expect(message).toMatchObject({
        id: res.body.id,
        message: '',
        message_type: 'png_image_file',
        sender: alice.email,
        file_name: 'whiteboard.png',
        file_size: bytes.length,
      });
      const got = await download(message.download_url, token);
      expect(got.bytes.equals(bytes)).toBe(true);

      const search = await emu.get(`/v2/chat/users/${bob.id}/messages`, {
        token,
        query: { to_channel: channel.id, search_type: 'file', search_key: 'WHITEBOARD' },
      });
      expect(search.status).toBe(200);
      expect(validateZoomResponse('getChatMessages', 200, search.body)).toEqual([]);
      expect(search.body.messages.map((m: any) => m.id)).toEqual([res.body.id]);
    });

    it('sends to a contact by member id, as a reply to a main message', async () => {
      const dm = await emu.request('POST', `/v2/chat/users/${alice.id}/messages`, {
        token,
        body: { message: 'can you send the scan?', to_contact: bob.email },
      });
      expect(dm.status).toBe(201);
      const res = await sendFile(bob.id, [{ name: 'scan.pdf', bytes: Buffer.from('%PDF-1.4 scan') }], {
        to_contact: alice.memberId,
        reply_main_message_id: dm.body.id,
      });
      expect(res.status).toBe(201);
      const message = await getMessage(alice.id, res.body.id, { to_contact: bob.id });
      expect(message).toMatchObject({ reply_main_message_id: dm.body.id, message_type: 'others', sender: bob.email });

      const nested = await sendFile(alice.id, [{ name: 'x.pdf', bytes: Buffer.from('x') }], {
        to_contact: bob.id,
        reply_main_message_id: res.body.id,
      });
      expect(nested.status).toBe(400);
      expect(nested.body).toEqual({ code: 5402, message: 'This only supports replies to a main message.' });
    });

    it(
      'answers Zoom’s errors',
      async () => {
        const one = [{ name: 'a.txt', bytes: Buffer.from('a') }];
        const cases: [{ name: string; bytes: Buffer }[], Record<string, string>, number, number, string?][] = [
          [[], { to_channel: channel.id }, 400, 300],
          [[...one, { name: 'b.txt', bytes: Buffer.from('b') }], { to_channel: channel.id }, 400, 300],
          [one, {}, 400, 300, 'Must provide either contact or channel parameter.'],
          [one, { to_channel: 'd'.repeat(32) }, 404, 4130, `Channel does not exist: ${'d'.repeat(32)}.`],
          [one, { to_contact: bob.email }, 404, 1001, `User does not exist: ${bob.email}.`],
          [
            [{ name: 'big.zip', bytes: Buffer.alloc(20 * MB + 1) }],
            { to_channel: channel.id },
            400,
            300,
            'Maximum file size exceeded: 20MB',
          ],
          [
            [{ name: 'big.jpg', bytes: Buffer.alloc(16 * MB + 1) }],
            { to_channel: channel.id },
            400,
            300,
            'Maximum file size exceeded: 16MB',
          ],
        ];
        for (const [files, fields, status, code, message] of cases) {
          const res = await sendFile(alice.id, files, fields);
          const label = { files: files.map((f) => f.name), fields };
          expect({ label, status: res.status, code: res.body.code }).toEqual({ label, status, code });
          if (message) expect(res.body.message).toBe(message);
          expect(validateZoomResponse('sendChatFile', status, res.body)).toEqual([]);
        }
      },
      LARGE_UPLOAD_TIMEOUT_MS,
    );
  });
});
