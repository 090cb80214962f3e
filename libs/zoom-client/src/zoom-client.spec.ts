import { ZOOM_ENDPOINTS } from '#libs/zoom-contract';
import { ZoomClient } from './zoom-client.js';

describe('ZoomClient', () => {
  it('has one method per catalogue endpoint, named by operationId', () => {
    const missing = ZOOM_ENDPOINTS.map((e) => e.operationId).filter(
      (id) => typeof (ZoomClient.prototype as unknown as Record<string, unknown>)[id] !== 'function',
    );
    expect(missing).toEqual([]);
    expect(ZOOM_ENDPOINTS).toHaveLength(40);
  });

  it('takes path parameters first, in path order (one per placeholder)', () => {
    for (const endpoint of ZOOM_ENDPOINTS) {
      const method = (ZoomClient.prototype as unknown as Record<string, (...args: unknown[]) => unknown>)[
        endpoint.operationId
      ];
      const placeholders = (endpoint.path.match(/\{/g) ?? []).length;
      expect([endpoint.operationId, method.length >= placeholders]).toEqual([endpoint.operationId, true]);
    }
  });
});
