import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import {
  CONFIG,
  type EmulatorConfig,
  PAGES,
  type PageTokenStore,
  TENANT,
  type TenantService,
} from '../gateway/emulator-state.js';
import { actingUser, pageSize, paginate, str } from '../gateway/params.util.js';
import { ZoomError } from '../gateway/zoom-error.js';
import { ZoomOperation } from '../gateway/zoom-operation.decorator.js';
import type { ZoomRequest } from '../gateway/zoom-request.js';
import type { Cursor, MessageView } from '../tenant/tenant.service.js';
import type { TenantUser } from '../tenant/tenant-model.js';
import {
  atItems,
  bodyObject,
  fileIds,
  messageText,
  ownFiles,
  replyParent,
  richText,
  scheduledTime,
} from './message-body.util.js';
import {
  DELETE_TARGET_ERRORS,
  GET_TARGET_ERRORS,
  LIST_TARGET_ERRORS,
  modifiedMessageNotFound,
  modifyTargetErrors,
  notSender,
  readMessageNotFound,
} from './message-errors.js';
import { type MessageJsonContext, messageDetailJson, messageListItemJson, messageUrl } from './message-json.mapper.js';
import {
  acceptOf,
  conversationsOf,
  cursorOf,
  downloadFormats,
  listFilter,
  listWindow,
  newestFirst,
} from './message-list.util.js';
import {
  findTargetMessage,
  hasTarget,
  openSession,
  postingTarget,
  resolveTarget,
  targetParams,
} from './message-target.util.js';

type Json = Record<string, unknown>;

/** Zoom Team Chat messages of a user: #15 list, #16 send, #12 get, #13 edit, #11 delete, #10 react, #9 mark. */
@Controller('v2')
export class MessagesController {
  constructor(
    @Inject(TENANT) private readonly tenant: TenantService,
    @Inject(PAGES) private readonly pages: PageTokenStore,
    @Inject(CONFIG) private readonly config: EmulatorConfig,
  ) {}

  private get jsonContext(): MessageJsonContext {
    return { users: this.tenant.dir.users, publicUrl: this.config.publicUrl };
  }

  @Get('chat/users/:userId/messages')
  @ZoomOperation('getChatMessages')
  list(@Param('userId') userId: string, @Query() query: Json, @Req() req: ZoomRequest): Json {
    const acting = actingUser(this.tenant, req, userId);
    const filter = listFilter(query);
    const params = targetParams(query);
    const sessions =
      filter.search && !hasTarget(params)
        ? conversationsOf(this.tenant, acting)
        : [resolveTarget(this.tenant, acting, params, LIST_TARGET_ERRORS).session].filter((s) => s !== undefined);
    const window = listWindow(query, this.tenant.now());
    const size = pageSize(query, req.zoom.endpoint);
    const accept = acceptOf(filter);
    const page = paginate<MessageView, Cursor>(
      this.pages,
      req,
      size,
      (cursor, limit) => newestFirst(this.tenant, sessions, window, cursor, limit, accept),
      cursorOf,
      'short',
    );
    return {
      ...window.echo,
      page_size: size,
      next_page_token: page.nextPageToken,
      messages: page.items.map((view) => messageListItemJson(view, this.jsonContext, filter.includeModified)),
    };
  }

  @Post('chat/users/:userId/messages')
  @ZoomOperation('sendaChatMessage')
  send(@Param('userId') userId: string, @Body() raw: unknown, @Req() req: ZoomRequest): { id: string } {
    const acting = actingUser(this.tenant, req, userId);
    const body = bodyObject(raw);
    const text = messageText(body, true)!;
    const ids = fileIds(body);
    const target = postingTarget(this.tenant, acting, targetParams(body));
    const replyTo = replyParent(this.tenant, target.session, str(body, 'reply_main_message_id'));
    const files = ownFiles(this.tenant, acting, ids ?? []);
    if (text === '' && files.length === 0) throw ZoomError.validation('message', 'message is required.');
    const mentions = atItems(this.tenant, body);
    const formats = richText(body);
    if (Array.isArray(body.interactive_cards) && body.interactive_cards.length > 0) {
      // Cards must belong to the calling app, and the emulator registers none (REFERENCE §3 #16: 5405).
      throw ZoomError.badRequest('Failed to create interactive card.', 5405);
    }
    // A scheduled message is only a draft until its time: nothing is posted now.
    if (scheduledTime(body, this.tenant.now()) !== undefined) return { id: randomUUID().toUpperCase() };
    const message = this.tenant.sendMessage({
      session: openSession(this.tenant, acting, target),
      senderIdx: acting.idx,
      text,
      files,
      replyTo,
      richText: formats,
      atItems: mentions,
    });
    return { id: message.id };
  }

  @Get('chat/users/:userId/messages/:messageId')
  @ZoomOperation('getChatMessage')
  get(
    @Param('userId') userId: string,
    @Param('messageId') messageId: string,
    @Query() query: Json,
    @Req() req: ZoomRequest,
  ): Json {
    const acting = actingUser(this.tenant, req, userId);
    downloadFormats(query);
    const target = resolveTarget(this.tenant, acting, targetParams(query), GET_TARGET_ERRORS);
    const view = findTargetMessage(this.tenant, target, messageId);
    if (!view) throw readMessageNotFound(messageId);
    return messageDetailJson(view, this.jsonContext, messageUrl(view.message.id, target.jid));
  }

  @Put('chat/users/:userId/messages/:messageId')
  @HttpCode(204)
  @ZoomOperation('editMessage')
  edit(
    @Param('userId') userId: string,
    @Param('messageId') messageId: string,
    @Body() raw: unknown,
    @Req() req: ZoomRequest,
  ): void {
    const acting = actingUser(this.tenant, req, userId);
    const body = bodyObject(raw);
    const text = messageText(body, false);
    const ids = fileIds(body);
    const view = this.ownMessage(acting, body, messageId);
    if (ids && ids.length > 0 && view.versions[0].files.length === 0) {
      throw ZoomError.badRequest(
        'A plain text message that is sent without any files is not allowed to update with the file.',
      );
    }
    const files = ids === undefined ? undefined : ownFiles(this.tenant, acting, ids);
    this.tenant.editMessage(view, text ?? view.current.text, files);
  }

  @Delete('chat/users/:userId/messages/:messageId')
  @HttpCode(204)
  @ZoomOperation('deleteChatMessage')
  remove(
    @Param('userId') userId: string,
    @Param('messageId') messageId: string,
    @Query() query: Json,
    @Req() req: ZoomRequest,
  ): void {
    const acting = actingUser(this.tenant, req, userId);
    const target = resolveTarget(this.tenant, acting, targetParams(query), DELETE_TARGET_ERRORS);
    const view = findTargetMessage(this.tenant, target, messageId);
    if (!view) throw readMessageNotFound(messageId);
    if (view.message.senderIdx !== acting.idx) throw notSender();
    this.tenant.deleteMessage(view);
  }

  @Patch('chat/users/:userId/messages/:messageId/emoji_reactions')
  @HttpCode(204)
  @ZoomOperation('reactMessage')
  react(
    @Param('userId') userId: string,
    @Param('messageId') messageId: string,
    @Body() raw: unknown,
    @Req() req: ZoomRequest,
  ): void {
    const acting = actingUser(this.tenant, req, userId);
    const body = bodyObject(raw);
    const action = str(body, 'action');
    if (action !== 'add' && action !== 'remove') throw ZoomError.validation('action', 'action must be add or remove.');
    const emoji = reactionEmoji(body);
    this.tenant.react(this.targetMessage(acting, body, messageId), acting.idx, emoji, action);
  }

  @Patch('chat/users/:userId/messages/:messageId/status')
  @HttpCode(204)
  @ZoomOperation('markMessage')
  mark(
    @Param('userId') userId: string,
    @Param('messageId') messageId: string,
    @Body() raw: unknown,
    @Req() req: ZoomRequest,
  ): void {
    const acting = actingUser(this.tenant, req, userId);
    const body = bodyObject(raw);
    const action = str(body, 'action');
    if (action !== 'read' && action !== 'unread') {
      throw ZoomError.validation('action', 'action must be read or unread.');
    }
    if (body.timestamp !== undefined && !Number.isInteger(body.timestamp)) throw ZoomError.validation('timestamp');
    const view = this.targetMessage(acting, body, messageId);
    this.tenant.markRead(acting.idx, view.message.id, action === 'read');
  }

  /** A live message of the body's conversation, for #13, #10 and #9. */
  private targetMessage(acting: TenantUser, body: Json, messageId: string): MessageView {
    const target = resolveTarget(this.tenant, acting, targetParams(body), modifyTargetErrors(messageId));
    const view = findTargetMessage(this.tenant, target, messageId);
    if (!view) throw modifiedMessageNotFound(messageId);
    return view;
  }

  private ownMessage(acting: TenantUser, body: Json, messageId: string): MessageView {
    const view = this.targetMessage(acting, body, messageId);
    if (view.message.senderIdx !== acting.idx) throw notSender();
    return view;
  }
}

/** A custom emoji is named by its id (REFERENCE §3 #10 `custom_emoji_id`); others by their code point. */
function reactionEmoji(body: Json): string {
  if (body.custom_emoji === true) {
    const id = str(body, 'custom_emoji_id');
    if (!id) throw ZoomError.validation('custom_emoji_id', 'custom_emoji_id is required when custom_emoji is true.');
    return id;
  }
  const emoji = str(body, 'emoji');
  if (!emoji) throw ZoomError.validation('emoji', 'emoji is required.');
  return emoji;
}
