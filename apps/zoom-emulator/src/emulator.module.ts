import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ChannelsController } from './channels/channels.controller.js';
import { UserChannelsController } from './channels/user-channels.controller.js';
import { Clock } from './clock/clock.service.js';
import type { EmulatorConfig } from './config/emulator-config.js';
import { ContactsController } from './contacts/contacts.controller.js';
import { SessionsController } from './contacts/sessions.controller.js';
import { ControlController } from './control/control.controller.js';
import { GroundTruthController } from './control/ground-truth.controller.js';
import { ChatFilesController } from './files/chat-files.controller.js';
import { FileDownloadController } from './files/file-download.controller.js';
import { CLOCK, CONFIG, FAULTS, LIMITER, PAGES, STATS, TENANT, TOKENS } from './gateway/emulator-state.js';
import { FaultInjector } from './gateway/fault-injector.js';
import { RateLimiter } from './gateway/rate-limiter.js';
import { RequestStats } from './gateway/request-stats.js';
import { ZoomExceptionFilter } from './gateway/zoom-exception.filter.js';
import { ZoomGatewayGuard } from './gateway/zoom-gateway.guard.js';
import { ImController } from './im/im.controller.js';
import { MessagesController } from './messages/messages.controller.js';
import { OAuthController } from './oauth/oauth.controller.js';
import { ACCOUNT_APP_SCOPES, TokenStore, USER_APP_SCOPES } from './oauth/token.store.js';
import { PageTokenStore } from './pagination/page-token.store.js';
import { ReportController } from './reports/report.controller.js';
import { TenantService } from './tenant/tenant.service.js';
import { resolveProfile } from './tenant/tenant-profile.js';

/** The emulated Zoom: Zoom's /v2 routes and OAuth, plus the /_emulator control plane. */
@Module({})
export class EmulatorModule {
  static forConfig(config: EmulatorConfig): DynamicModule {
    const clock = new Clock(config.now);
    const tokens = new TokenStore(clock, config.accountId, config.tokenTtlSeconds);
    tokens.registerApp({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      type: 'account',
      scopes: ACCOUNT_APP_SCOPES,
    });
    tokens.registerApp({
      clientId: config.userClientId,
      clientSecret: config.userClientSecret,
      type: 'user',
      scopes: USER_APP_SCOPES,
    });
    return {
      module: EmulatorModule,
      controllers: [
        OAuthController,
        ReportController,
        ImController,
        ContactsController,
        SessionsController,
        MessagesController,
        ChatFilesController,
        FileDownloadController,
        ChannelsController,
        UserChannelsController,
        ControlController,
        GroundTruthController,
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: TOKENS, useValue: tokens },
        {
          provide: TENANT,
          useFactory: () => new TenantService(config.seed, resolveProfile(config.profile, config), clock),
        },
        { provide: PAGES, useValue: new PageTokenStore(clock, config.pageTokenTtlSeconds) },
        { provide: LIMITER, useValue: new RateLimiter(clock, config.plan, config.rateScale) },
        { provide: FAULTS, useValue: new FaultInjector() },
        { provide: STATS, useValue: new RequestStats() },
        { provide: APP_GUARD, useClass: ZoomGatewayGuard },
        { provide: APP_FILTER, useClass: ZoomExceptionFilter },
      ],
    };
  }
}
