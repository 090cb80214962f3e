import { Module } from '@nestjs/common';
import { FileStore } from '#libs/archive';
import { API_CONFIG } from '../api.tokens.js';
import type { ApiConfig } from '../config/api-config.js';
import { MessagesController } from './messages.controller.js';
import { MessagesRepository } from './messages.repository.js';
import { MessagesService } from './messages.service.js';

/** GET /messages/:id and the download of its stored files. */
@Module({
  controllers: [MessagesController],
  providers: [
    MessagesService,
    MessagesRepository,
    {
      provide: FileStore,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => new FileStore(config.filesDir, config.fileMaxBytes),
    },
  ],
})
export class MessagesModule {}
