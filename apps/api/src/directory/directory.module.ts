import { Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller.js';
import { DirectoryRepository } from './directory.repository.js';
import { DirectoryService } from './directory.service.js';

/** GET /channels and GET /users. */
@Module({ controllers: [DirectoryController], providers: [DirectoryService, DirectoryRepository] })
export class DirectoryModule {}
