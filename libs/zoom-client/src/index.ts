export { ZOOM_ENDPOINTS, endpointByNumber, endpointByOperationId } from '#libs/zoom-contract';
export type { EndpointSpec, HttpMethod, RateLimitLabel } from '#libs/zoom-contract';
export {
  type RateGate,
  type ZoomClientOptions,
  type ZoomLogger,
  type ZoomResponseEvent,
  ZoomConfigError,
  zoomClientOptionsFromEnv,
} from './client-options.js';
export type { ChatMessage, ChatMessageItem, ChatMessagesPage, WithSenderMemberId } from './message-normalize.js';
export type {
  BodyOf,
  FormOf,
  OperationId,
  PathParamsOf,
  QueryOf,
  ResponseOf,
  ZoomOperations,
} from './operation-types.js';
export {
  LIST_FIELDS,
  type ItemOf,
  type PageArgs,
  type PageOf,
  type PageQueryOf,
  type PagedOperationId,
} from './pagination.js';
export { ZoomClient, type ZoomUpload } from './zoom-client.js';
export {
  type RateLimitInfo,
  type RateLimitKind,
  ZoomAuthError,
  ZoomError,
  ZoomPageTokenExpiredError,
  ZoomPermanentError,
  ZoomRateLimitError,
  ZoomRetryableError,
} from './zoom-errors.js';
