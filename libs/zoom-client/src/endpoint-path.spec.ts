import { buildPath, pathParamNames, pathValues } from './endpoint-path.js';

const MESSAGE = '/chat/users/{userId}/messages/{messageId}';

describe('endpoint paths', () => {
  it('names the placeholders in order', () => {
    expect(pathParamNames('/chat/users/{userId}/channels/{channelId}/members/{identifier}')).toEqual([
      'userId',
      'channelId',
      'identifier',
    ]);
    expect(pathParamNames('/report/chat/sessions')).toEqual([]);
  });

  it('percent-encodes braces of message ids and the @ of emails', () => {
    expect(buildPath(MESSAGE, ['a.b@example.com', '{4C6A11E6-0145-430F-BC4D-937886AE559D}'])).toBe(
      '/chat/users/a.b%40example.com/messages/%7B4C6A11E6-0145-430F-BC4D-937886AE559D%7D',
    );
  });

  it('keeps a value inside its segment', () => {
    expect(buildPath('/chat/channels/{channelId}', ['../x?y#z'])).toBe('/chat/channels/..%2Fx%3Fy%23z');
  });

  it('refuses an empty value and a wrong count', () => {
    expect(() => buildPath(MESSAGE, ['', 'id'])).toThrow('userId');
    expect(() => buildPath(MESSAGE, ['me'])).toThrow('takes 2');
  });

  it('orders named values by the template', () => {
    expect(pathValues(MESSAGE, { messageId: 'm', userId: 'u' })).toEqual(['u', 'm']);
  });
});
