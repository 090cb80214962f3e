import { normaliseMessageId } from './message-id.util.js';

describe('normaliseMessageId', () => {
  it('gives one key for the forms Zoom sends the same GUID in', () => {
    const key = '4C6A11E6-0145-430F-BC4D-937886AE559D';
    expect(normaliseMessageId('{4C6A11E6-0145-430F-BC4D-937886AE559D}')).toBe(key);
    expect(normaliseMessageId('4c6a11e6-0145-430f-bc4d-937886ae559d')).toBe(key);
    expect(normaliseMessageId(' {4c6a11e6-0145-430f-bc4d-937886ae559d} ')).toBe(key);
    expect(normaliseMessageId(key)).toBe(key);
  });

  it('leaves ids that are not GUIDs readable', () => {
    expect(normaliseMessageId('0fbd238a0519d3abb0e4ce')).toBe('0FBD238A0519D3ABB0E4CE');
    expect(normaliseMessageId('{unbalanced')).toBe('{UNBALANCED');
  });
});
