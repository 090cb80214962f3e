import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { PAGES, type PageTokenStore, TENANT, type TenantService } from '../gateway/emulator-state.js';
import { actingUser } from '../gateway/params.util.js';
import { ZoomOperation } from '../gateway/zoom-operation.decorator.js';
import type { ZoomRequest } from '../gateway/zoom-request.js';
import { findChannel, requireMember } from './channel-access.util.js';
import { channelJson, createdChannelJson } from './channel-json.mapper.js';
import { demoteAdmins, inviteMembers, promoteAdmins, removeMember } from './channel-membership.js';
import { type ReadContext, adminListJson, channelListJson, memberListJson } from './channel-reads.js';
import { createChannel, deleteChannel, updateChannel } from './channel-writes.js';

const CHANNEL = 'chat/users/:userId/channels/:channelId';
const ON_BEHALF = "on this user's behalf.";

/**
 * Account-level channel routes `/chat/users/{userId}/channels…` (REFERENCE §3 #18–#28): the path's
 * user is the one acting, and their membership and role decide what is allowed.
 */
@Controller('v2')
export class ChannelsController {
  constructor(
    @Inject(TENANT) private readonly tenant: TenantService,
    @Inject(PAGES) private readonly pages: PageTokenStore,
  ) {}

  private ctx(req: ZoomRequest): ReadContext {
    return { tenant: this.tenant, pages: this.pages, req };
  }

  /** The acting user first (1001), then the channel (4130), as Zoom resolves the path left to right. */
  private resolve(req: ZoomRequest, userId: string, channelId: string) {
    const actor = actingUser(this.tenant, req, userId);
    return { actor, channel: findChannel(this.tenant, channelId) };
  }

  @Delete(`${CHANNEL}/members/:identifier`)
  @ZoomOperation('removeAChannelMember')
  @HttpCode(204)
  removeMember(
    @Req() req: ZoomRequest,
    @Param('userId') userId: string,
    @Param('channelId') channelId: string,
    @Param('identifier') identifier: string,
  ): void {
    const { actor, channel } = this.resolve(req, userId, channelId);
    const denied = `Unauthorized request. You do not have permission to remove channel members ${ON_BEHALF}`;
    removeMember(this.tenant, channel, actor, identifier, denied);
  }

  @Get(`${CHANNEL}/members`)
  @ZoomOperation('listChannelMembers')
  listMembers(@Req() req: ZoomRequest, @Param('userId') userId: string, @Param('channelId') channelId: string) {
    const { actor, channel } = this.resolve(req, userId, channelId);
    const denied = `Unauthorized request. You do not have permission to view channel members ${ON_BEHALF}`;
    return memberListJson(this.ctx(req), channel, actor, denied);
  }

  @Post(`${CHANNEL}/members`)
  @ZoomOperation('inviteChannelMembers')
  inviteMembers(
    @Req() req: ZoomRequest,
    @Param('userId') userId: string,
    @Param('channelId') channelId: string,
    @Body() body: unknown,
  ) {
    const { actor, channel } = this.resolve(req, userId, channelId);
    const denied = `Unauthorized request. You do not have permission to invite channel members ${ON_BEHALF}`;
    return inviteMembers(this.tenant, channel, actor, body, 20, denied);
  }

  @Get(`${CHANNEL}/admins`)
  @ZoomOperation('listChannelAdministrators')
  listAdmins(@Req() req: ZoomRequest, @Param('userId') userId: string, @Param('channelId') channelId: string) {
    const { actor, channel } = this.resolve(req, userId, channelId);
    const denied = `Unauthorized request. You do not have permission to list channel's administrators ${ON_BEHALF}`;
    return adminListJson(this.ctx(req), channel, actor, denied);
  }

  @Post(`${CHANNEL}/admins`)
  @ZoomOperation('promoteChannelMembersAsAdmin')
  promoteAdmins(
    @Req() req: ZoomRequest,
    @Param('userId') userId: string,
    @Param('channelId') channelId: string,
    @Body() body: unknown,
  ) {
    const { actor, channel } = this.resolve(req, userId, channelId);
    return promoteAdmins(this.tenant, channel, actor, body);
  }

  @Delete(`${CHANNEL}/admins`)
  @ZoomOperation('batchDemoteChannelAdministrators')
  @HttpCode(204)
  demoteAdmins(
    @Req() req: ZoomRequest,
    @Param('userId') userId: string,
    @Param('channelId') channelId: string,
    @Query() query: Record<string, unknown>,
  ): void {
    const { actor, channel } = this.resolve(req, userId, channelId);
    demoteAdmins(this.tenant, channel, actor, query);
  }

  @Delete(CHANNEL)
  @ZoomOperation('deleteChannel')
  @HttpCode(204)
  deleteChannel(@Req() req: ZoomRequest, @Param('userId') userId: string, @Param('channelId') channelId: string): void {
    const { actor, channel } = this.resolve(req, userId, channelId);
    const denied = "Unauthorized request. You do not have permission to delete this user's channel.";
    deleteChannel(this.tenant, channel, actor, denied);
  }

  @Get(CHANNEL)
  @ZoomOperation('getChannel')
  getChannel(@Req() req: ZoomRequest, @Param('userId') userId: string, @Param('channelId') channelId: string) {
    const { actor, channel } = this.resolve(req, userId, channelId);
    requireMember(
      channel,
      actor,
      "Unauthorized request. You do not have permission to access this user's channel information.",
    );
    return channelJson(channel, true);
  }

  @Patch(CHANNEL)
  @ZoomOperation('updateChannel')
  @HttpCode(204)
  updateChannel(
    @Req() req: ZoomRequest,
    @Param('userId') userId: string,
    @Param('channelId') channelId: string,
    @Body() body: unknown,
  ): void {
    const { actor, channel } = this.resolve(req, userId, channelId);
    const denied = 'Unauthorized request. You do not have permission to update a channel for this user.';
    updateChannel(this.tenant, channel, actor, body, denied);
  }

  @Get('chat/users/:userId/channels')
  @ZoomOperation('getChannels')
  listChannels(@Req() req: ZoomRequest, @Param('userId') userId: string) {
    const user = actingUser(this.tenant, req, userId);
    return channelListJson(this.ctx(req), this.tenant.channelsOf(user.idx));
  }

  @Post('chat/users/:userId/channels')
  @ZoomOperation('createChannel')
  createChannel(@Req() req: ZoomRequest, @Param('userId') userId: string, @Body() body: unknown) {
    const owner = actingUser(this.tenant, req, userId);
    return createdChannelJson(createChannel(this.tenant, owner, body));
  }
}
