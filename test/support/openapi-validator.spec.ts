import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateZoomResponse } from './openapi-validator.js';

/** The ```json block that follows the Appendix A line starting with `requestLine`. */
function appendixExample(requestLine: string): Record<string, unknown> {
  const reference = readFileSync(join(process.cwd(), 'libs/zoom-contract/spec/REFERENCE.md'), 'utf8');
  const appendix = reference.slice(reference.indexOf('## Appendix A'));
  const from = appendix.indexOf(requestLine);
  const block = /```json\n([\s\S]*?)```/.exec(appendix.slice(from));
  if (from < 0 || !block) throw new Error(`No Appendix A example for ${requestLine}`);
  return JSON.parse(block[1]) as Record<string, unknown>;
}

const sessionsReport = () => appendixExample('`GET /v2/report/chat/sessions?');
const messagesReport = () => appendixExample('`GET /v2/report/chat/sessions/{id}?');

describe('validateZoomResponse: team-chat.openapi.json', () => {
  it('accepts the REFERENCE Appendix A report examples', () => {
    expect(validateZoomResponse('reportChatSessions', 200, sessionsReport())).toEqual([]);
    expect(validateZoomResponse('reportChatMessages', 200, messagesReport())).toEqual([]);
  });

  it('names the field on a wrong type', () => {
    const errors = validateZoomResponse('reportChatSessions', 200, { ...sessionsReport(), page_size: 'x' });
    expect(errors).toEqual(['reportChatSessions 200: body/page_size must be integer']);
  });

  it('names the field and the allowed values on a wrong enum value', () => {
    const body = sessionsReport();
    (body.sessions as Record<string, unknown>[])[1].type = 'Chat';
    expect(validateZoomResponse('reportChatSessions', 200, body)).toEqual([
      'reportChatSessions 200: body/sessions/1/type must be one of "Group", "1:1"',
    ]);
  });

  it('checks formats, but lets anonymised external members have an empty email', () => {
    const member = (email: string) => ({ members: [{ email, member_id: 'R4VM29Oj0f', role: 'member' }] });
    expect(validateZoomResponse('listChannelMembers', 200, member(''))).toEqual([]);
    expect(validateZoomResponse('listChannelMembers', 200, member('not-an-email'))).toEqual([
      'listChannelMembers 200: body/members/0/email must match format "email"',
    ]);
    const report = { ...sessionsReport(), to: '25/03/2022' };
    expect(validateZoomResponse('reportChatSessions', 200, report)).toEqual([
      'reportChatSessions 200: body/to must match format "date"',
    ]);
  });

  it('accepts either getChatSessions variant although the doc declares them as oneOf', () => {
    // A dated body satisfies both variants, so a strict oneOf would reject every normal response.
    const session = { type: '1:1', name: 'a@example.com', last_message_sent_time: '2024-01-01T10:00:00Z' };
    const dated = { from: '2024-01-01T00:00:00Z', to: '2024-01-02T00:00:00Z', next_page_token: '', page_size: 10 };
    expect(validateZoomResponse('getChatSessions', 200, { ...dated, sessions: [session] })).toEqual([]);
  });

  it('requires an empty body for 204', () => {
    for (const empty of [undefined, '', {}]) expect(validateZoomResponse('deleteChannel', 204, empty)).toEqual([]);
    expect(validateZoomResponse('deleteChannel', 204, { id: 'x' })).toEqual([
      'deleteChannel 204: body must be empty, got {"id":"x"}',
    ]);
  });

  it('checks error bodies against the common {code, message} shape', () => {
    expect(validateZoomResponse('getChannel', 404, { code: 4130, message: 'Channel does not exist: x.' })).toEqual([]);
    expect(validateZoomResponse('getChannel', 401, { code: 124, message: 'Access token is expired.' })).toEqual([]);
    expect(validateZoomResponse('getChannel', 429, { code: '429' })).toEqual([
      "getChannel 429: body must have required property 'message'",
      'getChannel 429: body/code must be integer',
    ]);
  });

  it('rejects an undocumented success status and throws on an unknown operation', () => {
    expect(validateZoomResponse('createChannel', 200, {})).toEqual([
      'createChannel 200: status 200 is not documented for createChannel',
    ]);
    expect(() => validateZoomResponse('noSuchOperation', 200, {})).toThrow(/noSuchOperation/);
  });
});

describe('validateZoomResponse: deprecated IM reads', () => {
  it('validates imChatSessions against the legacy Swagger allOf schema', () => {
    const body = {
      from: '2021-01-01',
      to: '2021-01-31',
      page_size: 30,
      next_page_token: '',
      sessions: [{ session_id: 'abc', type: 'Group', name: 'x', last_message_sent_time: '2021-01-02T03:04:05Z' }],
    };
    expect(validateZoomResponse('imChatSessions', 200, body)).toEqual([]);
    expect(validateZoomResponse('imChatSessions', 200, { ...body, page_size: 301 })).toEqual([
      'imChatSessions 200: body/page_size must be <= 300',
    ]);
  });

  it('validates imChatMessages formats', () => {
    const message = { message: 'hi', sender: 'a@example.com', date_time: '2021-01-02T03:04:05Z', action: 'read' };
    const body = { session_id: 's', from: '2021-01-01', to: '2021-01-31', page_size: 30, next_page_token: '' };
    expect(validateZoomResponse('imChatMessages', 200, { ...body, messages: [message] })).toEqual([]);
    expect(
      validateZoomResponse('imChatMessages', 200, { ...body, messages: [{ ...message, action_time: 'yesterday' }] }),
    ).toEqual(['imChatMessages 200: body/messages/0/action_time must match format "date-time"']);
  });

  it('validates imUserChatMessages against the REFERENCE §3 shape', () => {
    const message = { id: 'e5a1c2d4', message: 'hi', sender: 'a@example.com', date_time: '2021-01-02T03:04:05Z' };
    const body = { date: '2021-01-02', page_size: 30, next_page_token: '', messages: [{ ...message, timestamp: 1 }] };
    expect(validateZoomResponse('imUserChatMessages', 200, body)).toEqual([]);
    const bad = { ...body, messages: [{ ...message, timestamp: '1609556645000' }] };
    expect(validateZoomResponse('imUserChatMessages', 200, bad)).toEqual([
      'imUserChatMessages 200: body/messages/0/timestamp must be integer',
    ]);
  });
});
