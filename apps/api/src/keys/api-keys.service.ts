import { Injectable } from '@nestjs/common';
import { ApiKeysRepository, type ApiKeyRole } from '#libs/archive';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../common/api.error.js';
import { decodeCursor, encodeCursor, hasExactKeys } from '../common/cursor.util.js';
import { DEFAULT_PAGE_SIZE } from '../common/page-query.dto.js';
import { ApiKeyDto } from './api-key.dto.js';
import type { CreatedApiKeyDto } from './created-api-key.dto.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface KeyPosition {
  c: string;
  i: string;
}

const isKeyPosition = (value: unknown): value is KeyPosition =>
  hasExactKeys(value, ['c', 'i']) &&
  typeof value.c === 'string' &&
  !Number.isNaN(Date.parse(value.c)) &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value.c) &&
  typeof value.i === 'string' &&
  UUID.test(value.i);

/** Admins manage API keys; a key's secret is returned by create() and never again. */
@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeysRepository) {}

  async create(input: { name: string; role: ApiKeyRole }, by: Principal): Promise<CreatedApiKeyDto> {
    const { key, token } = await this.keys.create({ ...input, createdBy: `key:${by.keyId}` });
    return { ...ApiKeyDto.from(key), key: token };
  }

  async list(query: {
    limit?: number;
    cursor?: string;
    includeRevoked?: boolean;
  }): Promise<{ data: ApiKeyDto[]; next_cursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCursor(query.cursor, isKeyPosition) : undefined;
    const keys = await this.keys.list({
      limit: limit + 1,
      after: after && { createdAt: new Date(after.c), id: after.i },
      includeRevoked: query.includeRevoked,
    });
    const page = keys.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map((key) => ApiKeyDto.from(key)),
      next_cursor: keys.length > limit && last ? encodeCursor({ c: last.createdAt.toISOString(), i: last.id }) : null,
    };
  }

  async revoke(id: string, by: Principal): Promise<ApiKeyDto> {
    const key = await this.keys.revoke(id, `key:${by.keyId}`);
    if (!key) throw ApiError.notFound(`No API key ${id}`);
    return ApiKeyDto.from(key);
  }
}
