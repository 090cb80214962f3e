import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiDataResponse } from '../common/api-data-response.decorator.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { ApiKeyParamsDto } from './api-key-params.dto.js';
import { ApiKeyDto } from './api-key.dto.js';
import { ApiKeysService } from './api-keys.service.js';
import { CreateApiKeyDto } from './create-api-key.dto.js';
import { CreatedApiKeyDto } from './created-api-key.dto.js';
import { ListApiKeysQueryDto } from './list-api-keys-query.dto.js';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @RequirePermission('apikeys:manage')
  @Audited('apikey.create')
  @ApiOperation({ summary: 'Create an API key; the response is the only place its secret ever appears' })
  @ApiDataResponse(CreatedApiKeyDto, { status: 201 })
  async create(@Body() body: CreateApiKeyDto, @CurrentPrincipal() by: Principal): Promise<{ data: CreatedApiKeyDto }> {
    return { data: await this.keys.create(body, by) };
  }

  @Get()
  @RequirePermission('apikeys:manage')
  @Audited('apikey.list')
  @ApiOperation({ summary: 'List API keys (never their secrets), oldest first' })
  @ApiDataResponse(ApiKeyDto, { list: true })
  list(@Query() query: ListApiKeysQueryDto): Promise<{ data: ApiKeyDto[]; next_cursor: string | null }> {
    return this.keys.list({ limit: query.limit, cursor: query.cursor, includeRevoked: query.include_revoked });
  }

  @Delete(':id')
  @RequirePermission('apikeys:manage')
  @Audited('apikey.revoke')
  @ApiOperation({ summary: 'Revoke an API key: it stops working at once; revoking twice keeps the first time' })
  @ApiDataResponse(ApiKeyDto)
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  async revoke(@Param() params: ApiKeyParamsDto, @CurrentPrincipal() by: Principal): Promise<{ data: ApiKeyDto }> {
    return { data: await this.keys.revoke(params.id, by) };
  }
}
