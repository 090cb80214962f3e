import { API_KEY_ROLES, ApiKeysRepository } from '#libs/archive';
import { ROLE_PERMISSIONS } from '../src/auth/permissions.js';
import type { ApiRoute } from '../src/common/route-catalogue.util.js';
import { type ApiHarness, type ApiResponse, startApi } from './api.harness.js';
import { appRoutes, concretePath, expressRoutes, routeName } from './app-routes.util.js';

function expectError(response: ApiResponse, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.body).toEqual({
    error: { status, code, message: expect.any(String), details: expect.any(Array) },
    request_id: response.headers.get('x-request-id'),
  });
}

/**
 * Issue #5: every route has an explicit permission, and each role reaches only what its permissions allow.
 * The routes are those of the running app, so a route added later is covered without touching this test.
 */
describe('access control over every route', () => {
  let h: ApiHarness;
  let routes: ApiRoute[];
  let revokedKey: string;

  beforeAll(async () => {
    h = await startApi();
    routes = appRoutes(h.app);
    const repository = new ApiKeysRepository(h.db);
    const revoked = await repository.create({ name: 'revoked', role: 'admin', createdBy: 'test' });
    await repository.revoke(revoked.key.id, 'test');
    revokedKey = revoked.token;
  });
  afterAll(() => h?.close());

  it('every route declares a permission; only health is public', () => {
    expect(routes.length).toBeGreaterThanOrEqual(6);
    expect(routes.filter((r) => !r.permission).map(routeName)).toEqual([]);
    expect(routes.filter((r) => r.permission === 'public').map(routeName)).toEqual(['GET /health']);
  });

  it('the Express router serves exactly the routes discovered', () => {
    expect(expressRoutes(h.app)).toEqual(routes.map(routeName).sort());
  });

  it('public routes answer without a key', async () => {
    for (const route of routes.filter((r) => r.permission === 'public')) {
      expect((await h.request(route.method, concretePath(route))).status).toBe(200);
    }
  });

  it('every other route answers 401 without a key, with a bad one and with a revoked one', async () => {
    const attempts: [string, Record<string, string>, RegExp][] = [
      ['no key', {}, /API key is required/],
      ['another scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, /must be "Bearer/],
      ['an empty bearer', { authorization: 'Bearer ' }, /must be "Bearer/],
      ['garbage', { authorization: 'Bearer garbage' }, /not valid/],
      ['a forged key', { authorization: `Bearer zca_${h.keyIds.admin}_${'A'.repeat(43)}` }, /not valid/],
      ['a revoked key', { authorization: `Bearer ${revokedKey}` }, /revoked/],
    ];
    for (const route of routes.filter((r) => r.permission !== 'public')) {
      for (const [what, headers, message] of attempts) {
        const response = await h.request(route.method, concretePath(route), { headers, body: {} });
        expectError(response, 401, 'unauthorized');
        expect([routeName(route), what, response.body.error.message]).toEqual([
          routeName(route),
          what,
          expect.stringMatching(message),
        ]);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="api"/);
      }
    }
  });

  it('each role gets 403 on every route outside its permissions, naming the permission', async () => {
    let checked = 0;
    for (const role of API_KEY_ROLES) {
      for (const route of routes.filter((r) => r.permission !== 'public')) {
        if (ROLE_PERMISSIONS[role].includes(route.permission!)) continue;
        const response = await h.request(route.method, concretePath(route), { key: h.keys[role], body: {} });
        expectError(response, 403, 'forbidden');
        expect(response.body.error.message).toContain(route.permission);
        expect(response.body.error.message).toContain(role);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('each role gets past the guard on every route within its permissions', async () => {
    for (const role of API_KEY_ROLES) {
      for (const route of routes.filter((r) => ROLE_PERMISSIONS[role].includes(r.permission!))) {
        // A random id is usually not found and an empty body usually invalid: anything but 401 and 403.
        const response = await h.request(route.method, concretePath(route), { key: h.keys[role], body: {} });
        expect({ role, route: routeName(route), denied: [401, 403].includes(response.status) }).toEqual({
          role,
          route: routeName(route),
          denied: false,
        });
      }
    }
  });

  it('admin holds every permission a route asks for', () => {
    const asked = new Set(routes.map((r) => r.permission).filter((p) => p !== 'public'));
    expect([...asked].filter((p) => !ROLE_PERMISSIONS.admin.includes(p!))).toEqual([]);
  });
});
