import { Clock } from '../clock/clock.service.js';
import { PageTokenStore } from './page-token.store.js';

describe('PageTokenStore', () => {
  const binding = PageTokenStore.binding(
    'op',
    { id: '1' },
    { from: '2026-11-01', page_size: '10', next_page_token: 'x' },
  );

  it('binds tokens to the operation, path and query, ignoring the token itself', () => {
    expect(binding).toBe(PageTokenStore.binding('op', { id: '1' }, { page_size: '10', from: '2026-11-01' }));
    expect(binding).not.toBe(PageTokenStore.binding('op', { id: '2' }, { from: '2026-11-01', page_size: '10' }));
    expect(binding).not.toBe(PageTokenStore.binding('op', { id: '1' }, { from: '2026-11-02', page_size: '10' }));
  });

  it('resolves a token until it expires, as often as asked, and only for its binding', () => {
    const clock = new Clock('2026-11-20T10:00:00Z');
    const store = new PageTokenStore(clock, 900);
    const token = store.issue(binding, { after: 5 });
    expect(store.resolve(token, binding)).toEqual({ after: 5 });
    expect(store.resolve(token, binding)).toEqual({ after: 5 });
    expect(() => store.resolve(token, 'other')).toThrow('either invalid or has expired');
    clock.advance(901_000);
    expect(() => store.resolve(token, binding)).toThrow('either invalid or has expired');
  });
});
