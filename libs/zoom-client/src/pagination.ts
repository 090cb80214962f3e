import type { EndpointSpec } from '#libs/zoom-contract';
import { pathValues } from './endpoint-path.js';
import type { QueryValue } from './http-transport.js';
import type { ChatMessagesPage } from './message-normalize.js';
import type { PathParamsOf, QueryOf, ResponseOf } from './operation-types.js';
import { ZoomPermanentError } from './zoom-errors.js';

/** The list each paginated operation pages through. */
export const LIST_FIELDS = {
  reportChatMessages: 'messages',
  reportChatSessions: 'sessions',
  imUserChatMessages: 'messages',
  imChatMessages: 'messages',
  imChatSessions: 'sessions',
  searchCompanyContacts: 'contacts',
  getChatSessions: 'sessions',
  getChatMessages: 'messages',
  listChannelMembers: 'members',
  listChannelAdministrators: 'admins',
  getChannels: 'channels',
  getUserContacts: 'contacts',
  listUserLevelChannelMembers: 'members',
  getAccountChannels: 'channels',
} as const;

export type PagedOperationId = keyof typeof LIST_FIELDS;

/** One page as returned, #15's messages normalised like getChatMessages'. */
export type PageOf<Op extends PagedOperationId> = Op extends 'getChatMessages' ? ChatMessagesPage : ResponseOf<Op>;
type ListOf<Op extends PagedOperationId> = PageOf<Op>[(typeof LIST_FIELDS)[Op] & keyof PageOf<Op>];
/** One item of the operation's list. */
export type ItemOf<Op extends PagedOperationId> =
  NonNullable<ListOf<Op>> extends readonly (infer Item)[] ? Item : never;

/** The pager owns `next_page_token`. */
export type PageQueryOf<Op extends PagedOperationId> = Omit<QueryOf<Op>, 'next_page_token'>;
type QueryArg<Q> = Partial<Q> extends Q ? [query?: Q] : [query: Q];
/** `(query)` for operations without path parameters, `(pathParams, query)` for the others. */
export type PageArgs<Op extends PagedOperationId> = [PathParamsOf<Op>] extends [never]
  ? QueryArg<PageQueryOf<Op>>
  : [path: PathParamsOf<Op>, ...QueryArg<PageQueryOf<Op>>];

export interface PageRequest {
  readonly pathValues: string[];
  readonly query: Record<string, QueryValue>;
}

/**
 * Splits pages()'s arguments and sets page_size: the catalogue's maximum unless the caller asked for
 * less, as fewer pages mean fewer rate-limited calls (and #7 would otherwise default to one per page).
 */
export function pageRequest(endpoint: EndpointSpec, args: readonly unknown[]): PageRequest {
  const hasPath = endpoint.path.includes('{');
  const path = (hasPath ? args[0] : {}) as Record<string, unknown>;
  const query = { ...((hasPath ? args[1] : args[0]) as Record<string, QueryValue> | undefined) };
  const max = endpoint.pageSize?.max;
  if (max !== undefined) {
    const asked = Number(query.page_size);
    query.page_size = Number.isFinite(asked) && asked > 0 ? Math.min(asked, max) : max;
  }
  return { pathValues: pathValues(endpoint.path, path), query };
}

/**
 * Follows next_page_token until Zoom answers "" (REFERENCE.md §4). An expired token surfaces as
 * ZoomPageTokenExpiredError from the fetch, and the caller restarts its window.
 */
export async function* paginate<Page extends { next_page_token?: string }>(
  operationId: string,
  fetchPage: (nextPageToken: string | undefined) => Promise<Page>,
): AsyncGenerator<Page, void, undefined> {
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    yield page;
    const next = page.next_page_token || undefined;
    // A token handed back unchanged would page forever.
    if (next !== undefined && next === token) {
      throw new ZoomPermanentError(`Zoom ${operationId} returned the same next_page_token twice`, { operationId });
    }
    token = next;
  } while (token);
}
