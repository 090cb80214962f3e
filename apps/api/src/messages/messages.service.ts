import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { FileStore, normaliseMessageId } from '#libs/archive';
import { ApiError } from '../common/api.error.js';
import type { MessageDetailDto } from './message-detail.dto.js';
import { toMessageDetail } from './message-detail.mapper.js';
import { MessagesRepository } from './messages.repository.js';

export interface FileDownload {
  stream: Readable;
  fileName: string;
  size: number;
  sha256: string;
}

@Injectable()
export class MessagesService {
  constructor(
    private readonly repository: MessagesRepository,
    @Inject(FileStore) private readonly fileStore: FileStore,
  ) {}

  async detail(rawId: string): Promise<MessageDetailDto> {
    const id = normaliseMessageId(rawId);
    const detail = await this.repository.detail(id);
    if (!detail) throw ApiError.notFound(`No archived message has the id ${id}`);
    return toMessageDetail(detail);
  }

  /** The stored bytes of one of the message's files; 404 when the message does not name it or it is not stored. */
  async download(rawId: string, fileId: string): Promise<FileDownload> {
    const id = normaliseMessageId(rawId);
    const file = await this.repository.file(id, fileId);
    if (!file) throw ApiError.notFound(`Message ${id} has no file ${fileId}`);
    if (file.status !== 'stored' || !file.content_sha256) {
      throw ApiError.notFound(`The bytes of file ${fileId} are not stored (status ${file.status ?? 'unknown'})`);
    }
    const path = this.fileStore.path(file.content_sha256.trim());
    const stored = await stat(path).catch(() => null);
    if (!stored?.isFile()) throw ApiError.notFound(`The bytes of file ${fileId} are missing from the file store`);
    return {
      stream: createReadStream(path),
      fileName: file.file_name,
      size: stored.size,
      sha256: file.content_sha256.trim(),
    };
  }
}
