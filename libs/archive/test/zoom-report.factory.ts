import type { ReportPageInput, ReportSessionInput, ZoomReportMessage } from '#libs/archive';

/**
 * Report rows shaped like Zoom's (REFERENCE Appendix A): uppercase GUIDs, some in braces, epoch-ms
 * `timestamp`/`action_timestamp`, second-precision `date_time`, anonymised external senders.
 */

export const TOM = {
  sender: 'jchill@example.com',
  sender_member_id: 'R4VM29Oj0fVM2hhEmSKVM2hhezJTezJTKVM2hezJT2hezJTSK',
  sender_display_name: 'Tom',
};

/** Outside the account and not a contact: Zoom empties the email (REFERENCE §7.2); the member id stays. */
export const EXTERNAL_GUEST = {
  sender: '',
  sender_member_id: 'Xq8Jm2Lp0Rt5Vw7Yz9Ab1Cd3Ef5Gh7Ij9Kl1Mn3Op5Qr7St9Uv',
  sender_display_name: '',
  is_sender_external: true,
};

export const ONE_TO_ONE: ReportSessionInput = {
  id: 'c38230acb7f009282c1b0d367a08102d65d12629bbcca58dfe2168bd335f5849',
  type: '1:1',
  name: '',
  last_message_sent_time: '2026-11-18T10:16:13Z',
  member_emails: ['jchill@example.com', 'john.doe+321@example.com'],
  has_external_member: true,
};

export const CHANNEL: ReportSessionInput = {
  id: '5fdca6877b790503c027339a091e794498c146b849a1443d0c38d9ecd93b254d',
  type: 'Group',
  name: 'Channel One',
  channel_id: '7a08102d65d12629bbcca5',
  last_message_sent_time: '2026-11-18T10:16:13Z',
  status: 'active',
  has_external_member: false,
};

/** Appendix A's messages[] row, as Zoom documents it (its action_timestamp is after its timestamp: edited). */
export const APPENDIX_A_MESSAGE: ZoomReportMessage = {
  id: '7ba4d98b-0a6a-4fb4-a71b-dd13fd689dc8',
  message: 'How are you',
  date_time: '2022-03-17T08:27:57Z',
  timestamp: 1647494500135,
  action_timestamp: 1747494500135,
  ...TOM,
  receiver: 'jchill@example.com',
  is_sender_external: true,
  reply_main_message_id: '{27ED2949-6457-417C-83EA-72515DAF00BD}',
  reply_main_message_timestamp: 1647494500135,
  forward_id: '6dfgdfgdg444447b0egga',
  files: [
    {
      download_url: 'https://zoom.us/file/download/qreigNgqTk24RNnGJDxpDg?filename=48k.png&jwt=downloadjwt',
      file_id: 'qreigNgqTk24RNnGJDxpDg',
      file_name: '48k.png',
      file_size: 224251,
    },
  ],
  giphy_information: [{ giphy_view_url: 'https://giphy.com/gifs/...' }],
  rich_text: [{ start_position: 0, end_position: 5, format_type: 'Paragraph', format_attr: 'h1' }],
  reactions: [
    {
      emoji: 'U+1F600',
      total_count: 1,
      user_ids: ['v4iyWT1LTfy8QvPG4GTvdg'],
      member_ids: ['R4VM29Oj0fVM2hhEmSKVM2hhezJTezJTKVM2hezJT2hezJ'],
    },
  ],
};

const BASE_TS = Date.UTC(2026, 10, 17, 8, 0, 0) + 135;
let sequence = 0;

function guid(n: number): string {
  const hex = n.toString(16).toUpperCase().padStart(12, '0');
  return `67360091-581D-401E-BF11-${hex}`;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A messages[] row as sent (action_timestamp = timestamp); override anything. */
export function reportMessage(overrides: Partial<ZoomReportMessage> = {}): ZoomReportMessage {
  sequence++;
  const ts = overrides.timestamp ?? BASE_TS + sequence * 60_000;
  return {
    id: guid(sequence),
    message: `Quarterly numbers, draft ${sequence}`,
    date_time: isoSeconds(ts),
    timestamp: ts,
    action_timestamp: ts,
    ...TOM,
    ...overrides,
  };
}

/** The row Zoom reports for an edit (edited_messages[]) or the current state of an edited message (messages[]). */
export function editedRow(original: ZoomReportMessage, text: string, atMs: number): ZoomReportMessage {
  const { reactions: _reactions, bot_message: _bot, ...rest } = original;
  return { ...rest, message: text, action_timestamp: atMs };
}

/** A deleted_messages[] row: the text at deletion, action_timestamp = the deletion. */
export function deletedRow(current: ZoomReportMessage, atMs: number): ZoomReportMessage {
  const { reactions: _reactions, bot_message: _bot, ...rest } = current;
  return { ...rest, action_timestamp: atMs };
}

export function fileJson(fileId: string, fileName: string, fileSize: number) {
  return {
    download_url: `https://zoom.us/file/download/${fileId}?filename=${encodeURIComponent(fileName)}&jwt=eyJhbGciOi`,
    file_id: fileId,
    file_name: fileName,
    file_size: fileSize,
  };
}

export function reportPage(overrides: Partial<ReportPageInput> = {}): ReportPageInput {
  return {
    accountId: 'AbC123',
    session: CHANNEL,
    runId: null,
    observedAt: new Date('2026-11-20T12:00:00Z'),
    messages: [],
    edited: [],
    deleted: [],
    ...overrides,
  };
}
