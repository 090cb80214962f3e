import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { PAGES, type PageTokenStore, TENANT, type TenantService } from '../gateway/emulator-state.js';
import { actingUser, bool, pageSize, paginateList, requiredStr, str } from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import { ZoomOperation } from '../gateway/zoom-operation.decorator.js';
import type { ZoomRequest } from '../gateway/zoom-request.js';
import type { TenantUser } from '../tenant/tenant-model.js';
import { contactTypes, matchesSearchKey, userStatus } from './contact-search.util.js';
import { companyContactJson, contactDetailJson, contactJson } from './contact.mapper.js';

/** Company directory search (#7) and the caller's own contact list (#29, #30). */
@Controller('v2')
export class ContactsController {
  constructor(
    @Inject(TENANT) private readonly tenant: TenantService,
    @Inject(PAGES) private readonly pages: PageTokenStore,
  ) {}

  @Get('contacts')
  @ZoomOperation('searchCompanyContacts')
  search(@Req() req: ZoomRequest, @Query() query: Record<string, unknown>) {
    const searchKey = requiredStr(query, 'search_key');
    if (!searchKey.trim()) throw ZoomError.validation('search_key', 'search_key is required.');
    const withPresence = bool(query, 'query_presence_status', false);
    const types = contactTypes(query);
    const status = userStatus(query);
    const size = pageSize(query, req.zoom.endpoint);
    // Only Zoom users (type 1) exist in the emulated account: no phone objects or Zoom Rooms.
    const found = types.has(1)
      ? this.tenant.accountUsers().filter((u) => (!status || u.status === status) && matchesSearchKey(u, searchKey))
      : [];
    const page = paginateList(this.pages, req, size, found, (u) => u.idx);
    return {
      next_page_token: page.nextPageToken,
      page_size: size,
      contacts: page.items.map((u) => companyContactJson(u, withPresence)),
    };
  }

  @Get('chat/users/me/contacts')
  @ZoomOperation('getUserContacts')
  list(@Req() req: ZoomRequest, @Query() query: Record<string, unknown>) {
    const me = actingUser(this.tenant, req, 'me');
    const type = str(query, 'type') || 'company';
    if (type !== 'company' && type !== 'external') throw ZoomError.validation('type');
    const size = pageSize(query, req.zoom.endpoint);
    const contacts = type === 'company' ? this.companyContacts(me) : this.externalContacts();
    const page = paginateList(this.pages, req, size, contacts, (u) => u.idx);
    return {
      contacts: page.items.map(contactJson),
      next_page_token: page.nextPageToken,
      page_size: size,
    };
  }

  @Get('chat/users/me/contacts/:identifier')
  @ZoomOperation('getUserContact')
  get(@Req() req: ZoomRequest, @Param('identifier') identifier: string, @Query() query: Record<string, unknown>) {
    const me = actingUser(this.tenant, req, 'me');
    const withPresence = bool(query, 'query_presence_status', false);
    const user = this.tenant.user(identifier);
    if (!user || !this.isContactOf(me, user)) throw ZoomError.userNotFound(identifier);
    return contactDetailJson(user, withPresence);
  }

  /** Everyone else in the account; the caller is not their own contact. */
  private companyContacts(me: TenantUser): TenantUser[] {
    return this.tenant.accountUsers().filter((u) => u.idx !== me.idx);
  }

  private externalContacts(): TenantUser[] {
    return this.tenant.dir.users.filter((u) => u.external && u.contact);
  }

  private isContactOf(me: TenantUser, user: TenantUser): boolean {
    if (user.isBot || user.idx === me.idx) return false;
    return !user.external || user.contact;
  }
}
