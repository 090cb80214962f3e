import type { ApiError, ApiErrorCode, ApiErrorDetail } from './api.error.js';

export interface ErrorBody {
  error: { status: number; code: ApiErrorCode; message: string; details: ApiErrorDetail[] };
  request_id: string;
}

export function errorBody(error: ApiError, requestId: string): ErrorBody {
  return {
    error: { status: error.getStatus(), code: error.code, message: error.message, details: error.details },
    request_id: requestId,
  };
}
