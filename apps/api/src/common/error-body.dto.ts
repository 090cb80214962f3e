import { ApiProperty } from '@nestjs/swagger';
import type { ApiErrorCode } from './api.error.js';

const CODES: ApiErrorCode[] = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'bad_request',
  'unavailable',
  'timeout',
  'internal',
];

class ErrorDetailDto {
  @ApiProperty({ example: 'limit', description: 'The query, path or body parameter at fault.' })
  parameter!: string;

  @ApiProperty({ example: 'must not be greater than 200' })
  message!: string;
}

class ErrorDto {
  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ enum: CODES, example: 'validation_failed' })
  code!: ApiErrorCode;

  @ApiProperty({ example: 'Invalid parameter limit: must not be greater than 200' })
  message!: string;

  @ApiProperty({ type: [ErrorDetailDto], description: 'One per parameter at fault; empty for other errors.' })
  details!: ErrorDetailDto[];
}

/** The body of every error response, documented once for /docs. */
export class ErrorBodyDto {
  @ApiProperty({ type: ErrorDto })
  error!: ErrorDto;

  @ApiProperty({ example: '5f0c6d1e-3b4a-4c55-9a43-2a1f0e7d9b10', description: 'Also in the X-Request-Id header.' })
  request_id!: string;
}
