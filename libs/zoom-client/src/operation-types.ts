import type { operations as ImOperations } from './generated/im-legacy.js';
import type { operations as TeamChatOperations } from './generated/team-chat.js';

/** Every operation of the contract, typed by openapi-typescript (see scripts/generate-zoom-types.ts). */
export type ZoomOperations = TeamChatOperations & ImOperations;
export type OperationId = Extract<keyof ZoomOperations, string>;

type Parameters<Op extends OperationId> = ZoomOperations[Op]['parameters'];
type Json<Content> = Content extends { 'application/json': infer Body } ? Body : never;

/** The query parameters of an operation. */
export type QueryOf<Op extends OperationId> = NonNullable<Parameters<Op>['query']>;
/** The path parameters of an operation, by name. */
export type PathParamsOf<Op extends OperationId> = NonNullable<Parameters<Op>['path']>;
/** The JSON request body of an operation. */
export type BodyOf<Op extends OperationId> = Json<NonNullable<ZoomOperations[Op]['requestBody']>['content']>;
/** The multipart fields of the two file-host operations. */
export type FormOf<Op extends OperationId> = NonNullable<ZoomOperations[Op]['requestBody']>['content'] extends {
  'multipart/form-data': infer Form;
}
  ? Form
  : never;

type Responses<Op extends OperationId> = ZoomOperations[Op]['responses'];
/** The success body of an operation: the 200 or 201 JSON, or void for Zoom's empty 204s. */
export type ResponseOf<Op extends OperationId> =
  Responses<Op> extends { 200: { content: infer C } }
    ? Json<C>
    : Responses<Op> extends { 201: { content: infer C } }
      ? Json<C>
      : void;
