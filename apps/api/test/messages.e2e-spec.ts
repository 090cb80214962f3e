import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNEL, TOM } from '../../../libs/archive/test/zoom-report.factory.js';
import { type ApiHarness, startApi } from './api.harness.js';
import { ALICE, JOHN, type Seed, seedArchive } from './search-seed.fixture.js';

/** Issue #5: GET /messages/{id} gives the whole history, deletion, reactions, files and thread. */
describe('GET /messages/:id', () => {
  let h: ApiHarness;
  let seed: Seed;

  beforeAll(async () => {
    const filesDir = mkdtempSync(join(tmpdir(), 'zca-api-files-'));
    h = await startApi({ ARCHIVE_FILES_DIR: filesDir });
    seed = await seedArchive(h.db, filesDir);
  });
  afterAll(() => h?.close());

  const get = (path: string, key = h.keys.compliance_officer) => h.request('GET', `/api/v1/messages/${path}`, { key });

  it('shows every version with its time and the hash stored for it', async () => {
    const res = await get(seed.editedAway.id);
    expect(res.status).toBe(200);
    const stored = await h.db.query<{ kind: string; text: string; sha256: string; action_at: Date }[]>(
      `SELECT kind, text, sha256, action_at FROM message_versions WHERE message_id = $1 ORDER BY action_ts, id`,
      [seed.editedAway.id],
    );
    expect(stored).toHaveLength(2);
    expect(res.body.data.versions).toEqual(
      stored.map((v) => ({
        kind: v.kind,
        action_at: v.action_at.toISOString(),
        observed_at: expect.any(String),
        text: v.text,
        files: [{ file_id: seed.file.fileId, file_name: 'wire instructions.pdf', file_size: seed.file.bytes.length }],
        sha256: v.sha256,
      })),
    );
    expect(res.body.data.versions.map((v: any) => v.text)).toEqual(seed.editedAway.texts);
    expect(res.body.data).toMatchObject({
      id: seed.editedAway.id,
      zoom_id: seed.editedAway.zoomId,
      session_id: CHANNEL.id,
      session_type: 'Group',
      channel_id: CHANNEL.channel_id,
      sender: { member_id: TOM.sender_member_id, email: TOM.sender, display_name: 'Tom', external: false },
      current_text: 'please wire the funds to the new account',
      original_text: 'please wire the funds to the quokka account',
      status: 'edited',
      edit_count: 1,
      deleted_at: null,
      has_files: true,
    });
  });

  it('finds the message by its id with braces and in lower case too', async () => {
    const braced = await get(encodeURIComponent(`{${seed.deletedOne.id.toLowerCase()}}`));
    expect(braced.status).toBe(200);
    expect(braced.body.data.id).toBe(seed.deletedOne.id);
  });

  it('shows a deletion: when, the deleted version, and the text it was deleted with', async () => {
    const { body } = await get(seed.deletedOne.id);
    expect(body.data.status).toBe('deleted');
    expect(body.data.deleted_at).toEqual(expect.any(String));
    expect(body.data.versions.map((v: any) => [v.kind, v.text])).toEqual([
      ['original', 'the narwhal deal stays off the record'],
      ['deleted', 'the narwhal deal stays off the record'],
    ]);
    expect(body.data.versions[1].action_at).toBe(body.data.deleted_at);
  });

  it('gives the latest reactions and the files with a download link that streams the stored bytes', async () => {
    const { body } = await get(seed.editedAway.id);
    expect(body.data.reactions).toEqual({
      items: [{ emoji: 'U+1F44D', total_count: 1, user_ids: [], member_ids: [ALICE.sender_member_id] }],
      observed_at: expect.any(String),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(body.data.files).toEqual([
      {
        file_id: seed.file.fileId,
        file_name: 'wire instructions.pdf',
        file_size: seed.file.bytes.length,
        status: 'stored',
        content_sha256: seed.file.sha256,
        warning: null,
        download: `/api/v1/messages/${seed.editedAway.id}/files/${seed.file.fileId}`,
      },
    ]);
    const download = await h.request('GET', body.data.files[0].download, {
      key: h.keys.compliance_officer,
      headers: { 'x-request-id': 'download-1' },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('x-content-sha256')).toBe(seed.file.sha256);
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''wire%20instructions.pdf");
    expect(Buffer.from(download.text, 'utf8').equals(seed.file.bytes)).toBe(true);
    const [entry] = await h.db.query(`SELECT action, target FROM audit_log WHERE request_id = 'download-1'`);
    expect(entry).toEqual({
      action: 'file.download',
      target: { id: seed.editedAway.id, fileId: seed.file.fileId },
    });
  });

  it('answers 404 for a file that is not stored or not of this message', async () => {
    const budget = seed.messages.find((m) => m.texts[0] === 'budget draft attached')!;
    const notStored = await get(`${budget.id}/files/fBudgetDraft`);
    expect(notStored.status).toBe(404);
    expect(notStored.body.error.message).toContain('not stored (status pending)');
    const detail = await get(budget.id);
    expect(detail.body.data.files).toEqual([expect.objectContaining({ file_id: 'fBudgetDraft', download: null })]);
    const elsewhere = await get(`${seed.editedAway.id}/files/fBudgetDraft`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.message).toContain('has no file');
  });

  it('shows the thread: the replies of a message, and the parent of a reply', async () => {
    const parent = await get(seed.editedAway.id);
    expect(parent.body.data.thread).toEqual({
      parent: null,
      replies: [
        expect.objectContaining({ id: seed.reply.id, current_text: 'done, wired it', status: 'active' }),
        expect.objectContaining({
          current_text: 'second reply on the wire',
          sender: expect.objectContaining({ member_id: JOHN.sender_member_id }),
        }),
      ],
      reply_count: 2,
    });
    const reply = await get(seed.reply.id);
    expect(reply.body.data.reply_main_message_id).toBe(seed.editedAway.id);
    expect(reply.body.data.thread.parent).toMatchObject({ id: seed.editedAway.id, status: 'edited' });
    expect(reply.body.data.thread.replies).toEqual([]);
  });

  it('answers 404 with the one error body for an unknown id, 400 for one that is not an id', async () => {
    const missing = await get('00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: {
        status: 404,
        code: 'not_found',
        message: expect.stringContaining('00000000-0000-4000-8000-000000000000'),
        details: [],
      },
      request_id: expect.any(String),
    });
    const bad = await get(encodeURIComponent("x' OR '1'='1"));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].parameter).toBe('id');
  });

  it('is audited as message.read, and closed to auditors', async () => {
    const res = await h.request('GET', `/api/v1/messages/${seed.reply.id}`, {
      key: h.keys.admin,
      headers: { 'x-request-id': 'read-1' },
    });
    expect(res.status).toBe(200);
    const [entry] = await h.db.query(`SELECT action, target, result_count FROM audit_log WHERE request_id = 'read-1'`);
    expect(entry).toEqual({ action: 'message.read', target: { id: seed.reply.id }, result_count: 1 });
    expect((await get(seed.reply.id, h.keys.auditor)).status).toBe(403);
  });
});
