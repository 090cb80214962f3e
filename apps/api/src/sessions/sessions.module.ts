import { Module } from '@nestjs/common';
import { SearchModule } from '../search/search.module.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

/** GET /sessions and GET /sessions/:id/messages. */
@Module({
  imports: [SearchModule],
  controllers: [SessionsController],
  providers: [SessionsService, SessionsRepository],
})
export class SessionsModule {}
