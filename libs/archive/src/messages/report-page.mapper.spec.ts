import {
  APPENDIX_A_MESSAGE,
  CHANNEL,
  EXTERNAL_GUEST,
  ONE_TO_ONE,
  TOM,
  deletedRow,
  editedRow,
  fileJson,
  reportMessage,
  reportPage,
} from '../../test/zoom-report.factory.js';
import { InvalidReportRowError } from './invalid-report-row.error.js';
import { mapReportPage, mapSessionRow, messagesRowKind } from './report-page.mapper.js';

describe('messagesRowKind', () => {
  it('reads a messages[] row as the original unless its action time is after the send', () => {
    expect(messagesRowKind(reportMessage())).toBe('original');
    expect(messagesRowKind({ ...reportMessage(), action_timestamp: undefined })).toBe('original');
    expect(messagesRowKind(APPENDIX_A_MESSAGE)).toBe('edited');
  });
});

describe('mapReportPage', () => {
  it('turns the send, each edit and the deletion into versions, and the state after an edit into no extra one', () => {
    const sent = reportMessage({ message: 'Revenue is 10M' });
    const sentAt = sent.timestamp!;
    const edit1 = editedRow(sent, 'Revenue is 12M', sentAt + 60_000);
    const edit2 = editedRow(sent, 'Revenue is 12.5M', sentAt + 120_000);
    const gone = deletedRow(edit2, sentAt + 300_000);
    const page = mapReportPage(
      reportPage({
        messages: [sent, editedRow(sent, 'Revenue is 12.5M', sentAt + 120_000)],
        edited: [edit1, edit2],
        deleted: [gone],
      }),
    );

    expect(page.messages).toHaveLength(1);
    expect(page.versions.map((v) => [v.kind, v.text, v.actionTs])).toEqual([
      ['original', 'Revenue is 10M', sentAt],
      ['edited', 'Revenue is 12M', sentAt + 60_000],
      ['edited', 'Revenue is 12.5M', sentAt + 120_000],
      ['deleted', 'Revenue is 12.5M', sentAt + 300_000],
    ]);
    expect(page.versions[3].actionAt).toEqual(new Date(sentAt + 300_000));
    expect(page.versions[0].raw).toBe(sent);
    expect(new Set(page.versions.map((v) => v.sha256)).size).toBe(4);
  });

  it('keys messages and thread links on the normalised id and keeps the id as Zoom sent it', () => {
    const braced = reportMessage({ id: '{4c6a11e6-0145-430f-bc4d-937886ae559d}' });
    const [message] = mapReportPage(reportPage({ messages: [braced, APPENDIX_A_MESSAGE] })).messages.filter(
      (m) => m.zoomId === braced.id,
    );
    expect(message.id).toBe('4C6A11E6-0145-430F-BC4D-937886AE559D');
    const appendix = mapReportPage(reportPage({ session: ONE_TO_ONE, messages: [APPENDIX_A_MESSAGE] })).messages[0];
    expect(appendix).toMatchObject({
      id: '7BA4D98B-0A6A-4FB4-A71B-DD13FD689DC8',
      zoomId: '7ba4d98b-0a6a-4fb4-a71b-dd13fd689dc8',
      replyMainMessageId: '27ED2949-6457-417C-83EA-72515DAF00BD',
      forwardId: '6dfgdfgdg444447b0egga',
      receiver: 'jchill@example.com',
      sentTs: 1647494500135,
      sentAt: new Date(1647494500135),
    });
  });

  it('keys people on member_id, keeps anonymised external senders, and lets no empty email win', () => {
    const rows = [
      reportMessage({ ...EXTERNAL_GUEST }),
      reportMessage({ ...TOM }),
      reportMessage({ ...EXTERNAL_GUEST, sender: 'guest@partner.example', sender_display_name: 'Guest' }),
      reportMessage({ ...EXTERNAL_GUEST }),
      reportMessage({ sender: '', sender_member_id: '', sender_display_name: '' }),
    ];
    const { users, messages } = mapReportPage(reportPage({ messages: rows }));
    expect(users).toEqual([
      {
        memberId: TOM.sender_member_id,
        email: TOM.sender,
        emailTs: rows[1].timestamp,
        displayName: 'Tom',
        nameTs: rows[1].timestamp,
        isExternal: false,
      },
      {
        memberId: EXTERNAL_GUEST.sender_member_id,
        email: 'guest@partner.example',
        emailTs: rows[2].timestamp,
        displayName: 'Guest',
        nameTs: rows[2].timestamp,
        isExternal: true,
      },
    ]);
    expect(messages.find((m) => m.zoomId === rows[0].id)).toMatchObject({
      senderMemberId: EXTERNAL_GUEST.sender_member_id,
      senderEmail: '',
      isSenderExternal: true,
    });
  });

  it("takes a renamed person's name and email from their latest rows that have them, in any row order", () => {
    const before = reportMessage({ ...TOM, sender_display_name: 'Tom Hill', sender: 'old@example.com' });
    const after = reportMessage({ ...TOM, sender_display_name: 'Thomas Hill' });
    const nameless = reportMessage({ ...TOM, sender_display_name: '' });
    for (const messages of [
      [after, before, nameless],
      [nameless, before, after],
    ]) {
      expect(mapReportPage(reportPage({ messages })).users).toEqual([
        {
          memberId: TOM.sender_member_id,
          email: TOM.sender,
          emailTs: nameless.timestamp,
          displayName: 'Thomas Hill',
          nameTs: after.timestamp,
          isExternal: false,
        },
      ]);
    }
  });

  it('marks bot messages and keeps reactions of messages[] rows only, even when empty', () => {
    const bot = reportMessage({ bot_message: { is_markdown_support: true, source: 'Mio', content: {} } });
    const plain = reportMessage({ reactions: [] });
    const page = mapReportPage(
      reportPage({ messages: [bot, plain, APPENDIX_A_MESSAGE], edited: [editedRow(plain, 'x', 1)] }),
    );
    expect(page.messages.filter((m) => m.isBot).map((m) => m.zoomId)).toEqual([bot.id]);
    expect(page.reactions.map((r) => [r.messageId, r.reactions.length])).toEqual([
      ['67360091-581D-401E-BF11-' + plain.id.slice(-12), 0],
      ['7BA4D98B-0A6A-4FB4-A71B-DD13FD689DC8', 1],
    ]);
  });

  it('lists each file once with its first download link, and stores files on versions without links', () => {
    const report = fileJson('f1LeIdAbCdEf', 'q3.xlsx', 48_213);
    const sent = reportMessage({ files: [report] });
    const edit = editedRow(sent, 'now with a chart', sent.timestamp! + 1000);
    edit.files = [{ ...report, download_url: 'https://zoom.us/file/download/other' }, fileJson('f2', 'c.png', 5)];
    const page = mapReportPage(reportPage({ messages: [sent], edited: [edit] }));
    expect(page.files.map((f) => [f.fileId, f.downloadUrl, f.fileSize])).toEqual([
      ['f1LeIdAbCdEf', report.download_url, 48_213],
      ['f2', edit.files[1].download_url, 5],
    ]);
    expect(page.versions[1].files).toEqual([
      { file_id: 'f1LeIdAbCdEf', file_name: 'q3.xlsx', file_size: 48_213 },
      { file_id: 'f2', file_name: 'c.png', file_size: 5 },
    ]);
  });

  it('hashes a version the same whatever page or download link it came with', () => {
    const sent = reportMessage({ files: [fileJson('f9', 'a.pdf', 1)] });
    const again = { ...sent, files: [{ ...sent.files![0], download_url: 'https://zoom.us/file/download/f9?jwt=new' }] };
    const a = mapReportPage(reportPage({ messages: [sent] })).versions[0].sha256;
    const b = mapReportPage(reportPage({ messages: [again], observedAt: new Date() })).versions[0].sha256;
    expect(b).toBe(a);
    expect(mapReportPage(reportPage({ session: ONE_TO_ONE, messages: [sent] })).versions[0].sha256).not.toBe(a);
  });

  it('dates a row by date_time when timestamp is missing and rejects rows it cannot key or date', () => {
    const noTs = { ...reportMessage(), timestamp: undefined, action_timestamp: undefined };
    expect(mapReportPage(reportPage({ messages: [noTs] })).messages[0].sentTs).toBe(Date.parse(noTs.date_time!));
    const undated = { ...noTs, date_time: undefined };
    expect(() => mapReportPage(reportPage({ messages: [undated] }))).toThrow(InvalidReportRowError);
    expect(() => mapReportPage(reportPage({ messages: [{ ...reportMessage(), id: '' }] }))).toThrow(/no message id/);
  });
});

describe('mapSessionRow', () => {
  it('keeps what the listing reports and marks what it leaves out as unknown', () => {
    expect(mapSessionRow(CHANNEL)).toEqual({
      id: CHANNEL.id,
      type: 'Group',
      name: 'Channel One',
      channelId: '7a08102d65d12629bbcca5',
      status: 'active',
      hasExternalMember: false,
      memberEmails: null,
      lastMessageSentAt: new Date('2026-11-18T10:16:13Z'),
    });
    expect(mapSessionRow({ id: 'x', type: '1:1' })).toMatchObject({ name: null, hasExternalMember: null });
  });
});
