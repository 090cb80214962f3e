import type { Readable } from 'node:stream';
import { endpointByOperationId } from '#libs/zoom-contract';
import { type ZoomClientOptions, resolveOptions } from './client-options.js';
import type { QueryValue } from './http-transport.js';
import {
  type ChatMessage,
  type ChatMessagesPage,
  normalizeMessagesPage,
  withSenderMemberId,
} from './message-normalize.js';
import type { BodyOf, FormOf, OperationId, QueryOf, ResponseOf } from './operation-types.js';
import {
  type ItemOf,
  LIST_FIELDS,
  type PageArgs,
  type PageOf,
  type PagedOperationId,
  pageRequest,
  paginate,
} from './pagination.js';
import { ZoomHttp } from './zoom-http.js';

/** A file for #14 / #17. */
export interface ZoomUpload {
  /** The name Zoom shows; png/jpg/jpeg/gif are sent as images, anything else as a file (REFERENCE.md §3 #17). */
  readonly fileName: string;
  /** The bytes; for large files pass `await fs.openAsBlob(path)` so they are read from disk as sent. */
  readonly data: Blob | Uint8Array;
}

interface CallInput {
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly json?: unknown;
  readonly form?: FormData;
}

type Q<Op extends OperationId> = QueryOf<Op>;
type R<Op extends OperationId> = Promise<ResponseOf<Op>>;
type B<Op extends OperationId> = BodyOf<Op>;

/**
 * Zoom Team Chat's 40 endpoints (libs/zoom-contract ZOOM_ENDPOINTS), one method each, named by
 * operationId and numbered as in endpoints.txt. Path parameters come first, in path order, then the
 * body, then the query. 204 endpoints resolve to undefined.
 */
export class ZoomClient {
  private readonly http: ZoomHttp;

  constructor(options: ZoomClientOptions) {
    this.http = new ZoomHttp(resolveOptions(options));
  }

  /** #1 */
  reportChatMessages(sessionId: string, query: Q<'reportChatMessages'>): R<'reportChatMessages'> {
    return this.call('reportChatMessages', [sessionId], { query });
  }
  /** #2 */
  reportChatSessions(query: Q<'reportChatSessions'>): R<'reportChatSessions'> {
    return this.call('reportChatSessions', [], { query });
  }
  /** #3 (user-level) */
  imUserChatMessages(userId: string, query?: Q<'imUserChatMessages'>): R<'imUserChatMessages'> {
    return this.call('imUserChatMessages', [userId], { query });
  }
  /** #4 (user-level) */
  sendimmessages(body: B<'sendimmessages'>, query?: Q<'sendimmessages'>): R<'sendimmessages'> {
    return this.call('sendimmessages', [], { json: body, query });
  }
  /** #5 (user-level) */
  imChatMessages(sessionId: string, query: Q<'imChatMessages'>): R<'imChatMessages'> {
    return this.call('imChatMessages', [sessionId], { query });
  }
  /** #6 (user-level) */
  imChatSessions(query: Q<'imChatSessions'>): R<'imChatSessions'> {
    return this.call('imChatSessions', [], { query });
  }
  /** #7 */
  searchCompanyContacts(query: Q<'searchCompanyContacts'>): R<'searchCompanyContacts'> {
    return this.call('searchCompanyContacts', [], { query });
  }
  /** #8 */
  getChatSessions(userId: string, query?: Q<'getChatSessions'>): R<'getChatSessions'> {
    return this.call('getChatSessions', [userId], { query });
  }
  /** #9 */
  markMessage(userId: string, messageId: string, body: B<'markMessage'>): R<'markMessage'> {
    return this.call('markMessage', [userId, messageId], { json: body });
  }
  /** #10 */
  reactMessage(userId: string, messageId: string, body: B<'reactMessage'>): R<'reactMessage'> {
    return this.call('reactMessage', [userId, messageId], { json: body });
  }
  /** #11 */
  deleteChatMessage(userId: string, messageId: string, query: Q<'deleteChatMessage'>): R<'deleteChatMessage'> {
    return this.call('deleteChatMessage', [userId, messageId], { query });
  }
  /** #12, with `sender_member_id` read from either spelling */
  async getChatMessage(userId: string, messageId: string, query: Q<'getChatMessage'>): Promise<ChatMessage> {
    return withSenderMemberId(await this.call('getChatMessage', [userId, messageId], { query }));
  }
  /** #13 */
  editMessage(userId: string, messageId: string, body: B<'editMessage'>): R<'editMessage'> {
    return this.call('editMessage', [userId, messageId], { json: body });
  }
  /** #14 (file host): exactly one file, to a contact (user or member id) or a channel */
  sendChatFile(userId: string, file: ZoomUpload, fields: Omit<FormOf<'sendChatFile'>, 'files'>): R<'sendChatFile'> {
    return this.call('sendChatFile', [userId], { form: multipart('files', file, fields) });
  }
  /** #15, with `sender_member_id` read from either spelling */
  async getChatMessages(userId: string, query: Q<'getChatMessages'>): Promise<ChatMessagesPage> {
    return normalizeMessagesPage(await this.call('getChatMessages', [userId], { query }));
  }
  /** #16 */
  sendaChatMessage(userId: string, body: B<'sendaChatMessage'>): R<'sendaChatMessage'> {
    return this.call('sendaChatMessage', [userId], { json: body });
  }
  /** #17 (file host) */
  uploadAChatFile(userId: string, file: ZoomUpload, query?: Q<'uploadAChatFile'>): R<'uploadAChatFile'> {
    return this.call('uploadAChatFile', [userId], { form: multipart('file', file, {}), query });
  }
  /** #18 */
  removeAChannelMember(userId: string, channelId: string, identifier: string): R<'removeAChannelMember'> {
    return this.call('removeAChannelMember', [userId, channelId, identifier]);
  }
  /** #19 */
  listChannelMembers(userId: string, channelId: string, query?: Q<'listChannelMembers'>): R<'listChannelMembers'> {
    return this.call('listChannelMembers', [userId, channelId], { query });
  }
  /** #20 */
  inviteChannelMembers(userId: string, channelId: string, body: B<'inviteChannelMembers'>): R<'inviteChannelMembers'> {
    return this.call('inviteChannelMembers', [userId, channelId], { json: body });
  }
  /** #21 */
  listChannelAdministrators(
    userId: string,
    channelId: string,
    query?: Q<'listChannelAdministrators'>,
  ): R<'listChannelAdministrators'> {
    return this.call('listChannelAdministrators', [userId, channelId], { query });
  }
  /** #22 */
  promoteChannelMembersAsAdmin(
    userId: string,
    channelId: string,
    body: B<'promoteChannelMembersAsAdmin'>,
  ): R<'promoteChannelMembersAsAdmin'> {
    return this.call('promoteChannelMembersAsAdmin', [userId, channelId], { json: body });
  }
  /** #23 */
  batchDemoteChannelAdministrators(
    userId: string,
    channelId: string,
    query: Q<'batchDemoteChannelAdministrators'>,
  ): R<'batchDemoteChannelAdministrators'> {
    return this.call('batchDemoteChannelAdministrators', [userId, channelId], { query });
  }
  /** #24 */
  deleteChannel(userId: string, channelId: string): R<'deleteChannel'> {
    return this.call('deleteChannel', [userId, channelId]);
  }
  /** #25 */
  getChannel(userId: string, channelId: string): R<'getChannel'> {
    return this.call('getChannel', [userId, channelId]);
  }
  /** #26 */
  updateChannel(userId: string, channelId: string, body: B<'updateChannel'>): R<'updateChannel'> {
    return this.call('updateChannel', [userId, channelId], { json: body });
  }
  /** #27 */
  getChannels(userId: string, query?: Q<'getChannels'>): R<'getChannels'> {
    return this.call('getChannels', [userId], { query });
  }
  /** #28 */
  createChannel(userId: string, body: B<'createChannel'>): R<'createChannel'> {
    return this.call('createChannel', [userId], { json: body });
  }
  /** #29 (user-level) */
  getUserContact(identifier: string, query?: Q<'getUserContact'>): R<'getUserContact'> {
    return this.call('getUserContact', [identifier], { query });
  }
  /** #30 (user-level) */
  getUserContacts(query?: Q<'getUserContacts'>): R<'getUserContacts'> {
    return this.call('getUserContacts', [], { query });
  }
  /** #31 (user-level) */
  removeAUserLevelChannelMember(channelId: string, identifier: string): R<'removeAUserLevelChannelMember'> {
    return this.call('removeAUserLevelChannelMember', [channelId, identifier]);
  }
  /** #32 (user-level) */
  leaveChannel(channelId: string): R<'leaveChannel'> {
    return this.call('leaveChannel', [channelId]);
  }
  /** #33 (user-level) */
  joinChannel(channelId: string): R<'joinChannel'> {
    return this.call('joinChannel', [channelId]);
  }
  /** #34 */
  batchRemoveChannelMembers(channelId: string, query: Q<'batchRemoveChannelMembers'>): R<'batchRemoveChannelMembers'> {
    return this.call('batchRemoveChannelMembers', [channelId], { query });
  }
  /** #35 */
  listUserLevelChannelMembers(
    channelId: string,
    query?: Q<'listUserLevelChannelMembers'>,
  ): R<'listUserLevelChannelMembers'> {
    return this.call('listUserLevelChannelMembers', [channelId], { query });
  }
  /** #36 (user-level) */
  InviteUserLevelChannelMembers(
    channelId: string,
    body: B<'InviteUserLevelChannelMembers'>,
  ): R<'InviteUserLevelChannelMembers'> {
    return this.call('InviteUserLevelChannelMembers', [channelId], { json: body });
  }
  /** #37 (user-level) */
  deleteUserLevelChannel(channelId: string): R<'deleteUserLevelChannel'> {
    return this.call('deleteUserLevelChannel', [channelId]);
  }
  /** #38 (user-level) */
  getUserLevelChannel(channelId: string): R<'getUserLevelChannel'> {
    return this.call('getUserLevelChannel', [channelId]);
  }
  /** #39 (user-level) */
  updateUserLevelChannel(channelId: string, body: B<'updateUserLevelChannel'>): R<'updateUserLevelChannel'> {
    return this.call('updateUserLevelChannel', [channelId], { json: body });
  }
  /** #40 */
  getAccountChannels(query?: Q<'getAccountChannels'>): R<'getAccountChannels'> {
    return this.call('getAccountChannels', [], { query });
  }

  /**
   * Every page of a paginated operation, e.g. `pages('reportChatMessages', { sessionId }, { from, to })`
   * or `pages('reportChatSessions', { from, to })`. page_size defaults to the endpoint's maximum.
   */
  pages<Op extends PagedOperationId>(operationId: Op, ...args: PageArgs<Op>): AsyncIterable<PageOf<Op>> {
    const endpoint = endpointByOperationId(operationId);
    const { pathValues, query } = pageRequest(endpoint, args);
    const normalize = operationId === 'getChatMessages' ? normalizeMessagesPage : <P>(page: P) => page;
    return paginate(operationId, async (token) => {
      const page = await this.http.send({ endpoint, pathValues, query: { ...query, next_page_token: token } });
      return normalize(page as { messages?: object[] }) as PageOf<Op>;
    });
  }

  /**
   * Every item of the operation's list (`messages`, `sessions`, `members`, ...) across all pages. For #1
   * that is `messages` only: `edited_messages` / `deleted_messages` are not paged (REFERENCE.md §7.5), so
   * read them from pages().
   */
  async *items<Op extends PagedOperationId>(operationId: Op, ...args: PageArgs<Op>): AsyncIterable<ItemOf<Op>> {
    const field = LIST_FIELDS[operationId];
    for await (const page of this.pages(operationId, ...args)) {
      yield* ((page as Record<string, unknown>)[field] ?? []) as ItemOf<Op>[];
    }
  }

  /** A message file's bytes (`download_url` of #1, #12, #15), fetched with the account token. */
  downloadFile(downloadUrl: string): Promise<Readable> {
    return this.http.download(downloadUrl);
  }

  /** Releases the keep-alive sockets. */
  close(): void {
    this.http.close();
  }

  private async call<Op extends OperationId>(operationId: Op, pathValues: string[], input: CallInput = {}): R<Op> {
    const body = await this.http.send({ endpoint: endpointByOperationId(operationId), pathValues, ...input });
    return body as ResponseOf<Op>;
  }
}

function multipart(field: string, file: ZoomUpload, fields: Readonly<Record<string, string | undefined>>): FormData {
  const form = new FormData();
  const blob = file.data instanceof Blob ? file.data : new Blob([file.data]);
  form.append(field, blob, file.fileName);
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value);
  return form;
}
