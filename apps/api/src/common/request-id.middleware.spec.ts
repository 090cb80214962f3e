import { isSaneRequestId } from './request-id.middleware.js';

describe('isSaneRequestId', () => {
  it.each(['abc', '5f0c6d1e-3b4a-4c55-9a43-2a1f0e7d9b10', 'gw:1.2_3', 'a'.repeat(128)])('keeps %s', (id) => {
    expect(isSaneRequestId(id)).toBe(true);
  });

  it.each(['', ' a', 'a b', 'a\nb', 'a'.repeat(129), '-a', '<script>', 'a,b', ['a', 'b'], undefined])(
    'replaces %j',
    (id) => {
      expect(isSaneRequestId(id)).toBe(false);
    },
  );
});
