import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { PAGES, type PageTokenStore, TENANT, type TenantService } from '../gateway/emulator-state.js';
import { actingUser } from '../gateway/params.util.js';
import { ZoomOperation } from '../gateway/zoom-operation.decorator.js';
import type { ZoomRequest } from '../gateway/zoom-request.js';
import { findChannel, requireMember } from './channel-access.util.js';
import { channelJson } from './channel-json.mapper.js';
import { batchRemoveMembers, inviteMembers, joinChannel, leaveChannel, removeMember } from './channel-membership.js';
import { type ReadContext, channelListJson, memberListJson } from './channel-reads.js';
import { deleteChannel, updateChannel } from './channel-writes.js';

const CHANNEL = 'chat/channels/:channelId';

/**
 * User-level channel routes `/chat/channels…` (REFERENCE §3 #31–#40). The person acting is the
 * token's user; the few routes open to account tokens act as the account owner (`me`).
 */
@Controller('v2')
export class UserChannelsController {
  constructor(
    @Inject(TENANT) private readonly tenant: TenantService,
    @Inject(PAGES) private readonly pages: PageTokenStore,
  ) {}

  private ctx(req: ZoomRequest): ReadContext {
    return { tenant: this.tenant, pages: this.pages, req };
  }

  private resolve(req: ZoomRequest, channelId: string) {
    const actor = actingUser(this.tenant, req, 'me');
    return { actor, channel: findChannel(this.tenant, channelId) };
  }

  @Get('chat/channels')
  @ZoomOperation('getAccountChannels')
  listPublicChannels(@Req() req: ZoomRequest) {
    return channelListJson(this.ctx(req), this.tenant.publicChannels());
  }

  @Get(CHANNEL)
  @ZoomOperation('getUserLevelChannel')
  getChannel(@Req() req: ZoomRequest, @Param('channelId') channelId: string) {
    const { actor, channel } = this.resolve(req, channelId);
    requireMember(
      channel,
      actor,
      "Unauthorized request. You do not have permission to access this user's channel information.",
    );
    return channelJson(channel, true);
  }

  @Patch(CHANNEL)
  @ZoomOperation('updateUserLevelChannel')
  @HttpCode(204)
  updateChannel(@Req() req: ZoomRequest, @Param('channelId') channelId: string, @Body() body: unknown): void {
    const { actor, channel } = this.resolve(req, channelId);
    const denied = 'Unauthorized request. You do not have permission to update a channel for this user.';
    updateChannel(this.tenant, channel, actor, body, denied);
  }

  @Delete(CHANNEL)
  @ZoomOperation('deleteUserLevelChannel')
  @HttpCode(204)
  deleteChannel(@Req() req: ZoomRequest, @Param('channelId') channelId: string): void {
    const { actor, channel } = this.resolve(req, channelId);
    const denied = "Unauthorized request. You do not have permission to delete this user's channel.";
    deleteChannel(this.tenant, channel, actor, denied);
  }

  @Get(`${CHANNEL}/members`)
  @ZoomOperation('listUserLevelChannelMembers')
  listMembers(@Req() req: ZoomRequest, @Param('channelId') channelId: string) {
    const { actor, channel } = this.resolve(req, channelId);
    return memberListJson(this.ctx(req), channel, actor, 'No permission to access the channel members.');
  }

  @Post(`${CHANNEL}/members`)
  @ZoomOperation('InviteUserLevelChannelMembers')
  inviteMembers(@Req() req: ZoomRequest, @Param('channelId') channelId: string, @Body() body: unknown) {
    const { actor, channel } = this.resolve(req, channelId);
    const denied = 'Unauthorized request. You do not have permission to invite channel members.';
    return inviteMembers(this.tenant, channel, actor, body, 5, denied);
  }

  @Delete(`${CHANNEL}/members`)
  @ZoomOperation('batchRemoveChannelMembers')
  @HttpCode(204)
  batchRemoveMembers(
    @Req() req: ZoomRequest,
    @Param('channelId') channelId: string,
    @Query() query: Record<string, unknown>,
  ): void {
    const { actor, channel } = this.resolve(req, channelId);
    batchRemoveMembers(this.tenant, channel, actor, query);
  }

  // `members/me` is declared before `members/:identifier` so that Express matches it first.
  @Post(`${CHANNEL}/members/me`)
  @ZoomOperation('joinChannel')
  join(@Req() req: ZoomRequest, @Param('channelId') channelId: string) {
    const { actor, channel } = this.resolve(req, channelId);
    return joinChannel(this.tenant, channel, actor);
  }

  @Delete(`${CHANNEL}/members/me`)
  @ZoomOperation('leaveChannel')
  @HttpCode(204)
  leave(@Req() req: ZoomRequest, @Param('channelId') channelId: string): void {
    const { actor, channel } = this.resolve(req, channelId);
    leaveChannel(channel, actor);
  }

  @Delete(`${CHANNEL}/members/:identifier`)
  @ZoomOperation('removeAUserLevelChannelMember')
  @HttpCode(204)
  removeMember(
    @Req() req: ZoomRequest,
    @Param('channelId') channelId: string,
    @Param('identifier') identifier: string,
  ): void {
    const { actor, channel } = this.resolve(req, channelId);
    const denied = "Unauthorized request. You do not have permission to remove channel members on this user's behalf.";
    removeMember(this.tenant, channel, actor, identifier, denied);
  }
}
