import { validateZoomResponse } from '../../../test/support/openapi-validator.js';
import type { TenantUser } from '../src/tenant/tenant-model.js';
import { type EmulatorHandle, startEmulator } from './emulator.harness.js';

describe('contacts (#7, #29, #30)', () => {
  let emu: EmulatorHandle;
  let accountToken: string;
  let userToken: string;
  let me: TenantUser;

  beforeAll(async () => {
    emu = await startEmulator();
    accountToken = await emu.accountToken();
    me = emu.tenant.accountUsers()[3];
    userToken = (await emu.userToken(me.email)).access_token;
  });
  afterAll(() => emu.close());

  const externals = () => emu.tenant.dir.users.filter((u) => u.external);

  describe('GET /contacts (#7)', () => {
    const search = (query: Record<string, string | number | boolean>, token = accountToken) =>
      emu.get('/v2/contacts', { token, query });

    it('finds account users by last name, one per page by default, each exactly once', async () => {
      const key = emu.tenant.accountUsers()[2].lastName.toUpperCase();
      const expected = emu.tenant.accountUsers().filter((u) => u.lastName.toUpperCase() === key);
      expect(expected.length).toBeGreaterThan(1);
      const pages = await emu.allPages('/v2/contacts', { token: accountToken, query: { search_key: key } });
      for (const page of pages) {
        expect(validateZoomResponse('searchCompanyContacts', 200, page)).toEqual([]);
        expect(page.page_size).toBe(1);
        expect(page.contacts.length).toBeLessThanOrEqual(1);
      }
      const contacts = pages.flatMap((p) => p.contacts);
      expect(contacts.map((c) => c.id)).toEqual(expected.map((u) => u.id));
      for (const [i, contact] of contacts.entries()) {
        const user = expected[i];
        expect(contact).toMatchObject({
          contact_type: 1,
          member_id: user.memberId,
          email: user.email,
          first_name: user.firstName,
          last_name: user.lastName,
          display_name: user.displayName,
          dept: user.dept,
          job_title: user.jobTitle,
          location: user.location,
          user_status: user.status,
        });
        expect(contact.presence_status).toBeUndefined();
      }
    });

    it('matches first names and email substrings case-insensitively, with presence on request', async () => {
      const user = emu.tenant.accountUsers()[5];
      const byFirst = await search({ search_key: user.firstName.toLowerCase(), page_size: 25 });
      expect(byFirst.body.contacts.map((c: { id: string }) => c.id)).toContain(user.id);
      const byEmail = await search({ search_key: user.email.toUpperCase(), query_presence_status: true });
      expect(byEmail.status).toBe(200);
      expect(validateZoomResponse('searchCompanyContacts', 200, byEmail.body)).toEqual([]);
      expect(byEmail.body.contacts).toHaveLength(1);
      expect(byEmail.body.contacts[0]).toMatchObject({ id: user.id, presence_status: user.presence });
      expect(byEmail.body.next_page_token).toBe('');
    });

    it('searches only the account: external people and bots never appear', async () => {
      const res = await search({ search_key: 'e', page_size: 25 });
      expect(validateZoomResponse('searchCompanyContacts', 200, res.body)).toEqual([]);
      const memberIds = res.body.contacts.map((c: { member_id: string }) => c.member_id);
      for (const user of emu.tenant.dir.users.filter((u) => u.external || u.isBot))
        expect(memberIds).not.toContain(user.memberId);
      const external = externals().find((u) => u.contact)!;
      const byExternal = await search({ search_key: external.email });
      expect(byExternal.body.contacts).toEqual([]);
    });

    it('filters by user_status and clamps page_size at 25', async () => {
      for (const status of ['active', 'inactive'] as const) {
        const res = await search({ search_key: 'example.com', user_status: status, page_size: 100 });
        expect(res.status).toBe(200);
        expect(validateZoomResponse('searchCompanyContacts', 200, res.body)).toEqual([]);
        expect(res.body.page_size).toBe(25);
        const expected = emu.tenant.accountUsers().filter((u) => u.status === status);
        expect(res.body.contacts.map((c: { id: string }) => c.id)).toEqual(expected.map((u) => u.id));
      }
    });

    it('has no contacts of the phone and room types', async () => {
      const res = await search({ search_key: 'a', contact_types: '2,3,8' });
      expect(res.status).toBe(200);
      expect(validateZoomResponse('searchCompanyContacts', 200, res.body)).toEqual([]);
      expect(res.body.contacts).toEqual([]);
    });

    it('works with a user-level token too', async () => {
      const res = await search({ search_key: me.email }, userToken);
      expect(res.status).toBe(200);
      expect(res.body.contacts[0].id).toBe(me.id);
    });

    it('rejects a missing search_key, bad contact_types or user_status, and a bad page token', async () => {
      const queries: Record<string, string>[] = [
        {},
        { search_key: '' },
        { search_key: 'a', contact_types: '9' },
        { search_key: 'a', user_status: 'gone' },
      ];
      for (const query of queries) {
        const res = await search(query);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe(300);
      }
      const res = await search({ search_key: 'a', next_page_token: 'bogus' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 300, message: 'The next page token is either invalid or has expired.' });
    });

    it('binds a page token to its query', async () => {
      const first = await search({ search_key: 'a' });
      expect(first.body.next_page_token).not.toBe('');
      const rebound = await search({ search_key: 'e', next_page_token: first.body.next_page_token });
      expect(rebound.status).toBe(400);
      expect(rebound.body.code).toBe(300);
    });
  });

  describe('GET /chat/users/me/contacts (#30)', () => {
    it('lists every other account user exactly once across pages of 2', async () => {
      const pages = await emu.allPages('/v2/chat/users/me/contacts', { token: userToken, query: { page_size: 2 } });
      for (const page of pages) {
        expect(validateZoomResponse('getUserContacts', 200, page)).toEqual([]);
        expect(page.page_size).toBe(2);
        expect(page.contacts.length).toBeLessThanOrEqual(2);
      }
      expect(pages[pages.length - 1].next_page_token).toBe('');
      const expected = emu.tenant.accountUsers().filter((u) => u.idx !== me.idx);
      expect(pages.flatMap((p) => p.contacts)).toEqual(
        expected.map((u) => ({
          id: u.id,
          member_id: u.memberId,
          email: u.email,
          first_name: u.firstName,
          last_name: u.lastName,
        })),
      );
    });

    it('lists external contacts with email and names but no user id', async () => {
      const res = await emu.get('/v2/chat/users/me/contacts', { token: userToken, query: { type: 'external' } });
      expect(res.status).toBe(200);
      expect(validateZoomResponse('getUserContacts', 200, res.body)).toEqual([]);
      expect(res.body.page_size).toBe(10);
      const expected = externals().filter((u) => u.contact);
      expect(expected.length).toBeGreaterThan(0);
      expect(externals().some((u) => !u.contact)).toBe(true);
      expect(res.body.contacts).toEqual(
        expected.map((u) => ({
          id: '',
          member_id: u.memberId,
          email: u.email,
          first_name: u.firstName,
          last_name: u.lastName,
        })),
      );
      for (const contact of res.body.contacts) expect(contact.email).toMatch(/@/);
    });

    it('rejects account-level tokens, unknown types and bad page tokens', async () => {
      const account = await emu.get('/v2/chat/users/me/contacts', { token: accountToken });
      expect(account.status).toBe(400);
      expect(account.body.code).toBe(4711);
      const type = await emu.get('/v2/chat/users/me/contacts', { token: userToken, query: { type: 'friends' } });
      expect(type.status).toBe(400);
      expect(type.body.code).toBe(300);
      const token = await emu.get('/v2/chat/users/me/contacts', {
        token: userToken,
        query: { next_page_token: 'nope' },
      });
      expect(token.status).toBe(400);
      expect(token.body.code).toBe(300);
    });
  });

  describe('GET /chat/users/me/contacts/{identifier} (#29)', () => {
    const contact = (identifier: string, query: Record<string, boolean> = {}, token = userToken) =>
      emu.get(`/v2/chat/users/me/contacts/${encodeURIComponent(identifier)}`, { token, query });

    it('finds a company contact by id, email or member id; presence only on request', async () => {
      const colleague = emu.tenant.accountUsers()[7];
      for (const identifier of [colleague.id, colleague.email, colleague.memberId]) {
        const res = await contact(identifier);
        expect(res.status).toBe(200);
        expect(validateZoomResponse('getUserContact', 200, res.body)).toEqual([]);
        expect(res.body).toMatchObject({
          id: colleague.id,
          member_id: colleague.memberId,
          email: colleague.email,
          first_name: colleague.firstName,
          last_name: colleague.lastName,
          phone_number: colleague.phoneNumber,
        });
        expect(res.body.presence_status).toBeUndefined();
      }
      const withPresence = await contact(colleague.email, { query_presence_status: true });
      expect(validateZoomResponse('getUserContact', 200, withPresence.body)).toEqual([]);
      expect(withPresence.body.presence_status).toBe(colleague.presence);
    });

    it('shows an external contact without its user id', async () => {
      const external = externals().find((u) => u.contact)!;
      const res = await contact(external.memberId);
      expect(res.status).toBe(200);
      expect(validateZoomResponse('getUserContact', 200, res.body)).toEqual([]);
      expect(res.body).toMatchObject({ id: '', member_id: external.memberId, email: external.email });
      expect(res.body.email).not.toBe('');
    });

    it('answers 404 / 1001 for strangers, bots, oneself and unknown identifiers', async () => {
      const stranger = externals().find((u) => !u.contact)!;
      const bot = emu.tenant.dir.users.find((u) => u.isBot)!;
      for (const identifier of [stranger.memberId, bot.memberId, me.email, 'nobody@example.com']) {
        const res = await contact(identifier);
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ code: 1001, message: `User does not exist: ${identifier}.` });
      }
    });

    it('rejects account-level tokens', async () => {
      const res = await contact(emu.tenant.accountUsers()[1].email, {}, accountToken);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(4711);
    });
  });
});
