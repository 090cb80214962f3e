import { HttpStatus, type Type, applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, type SchemaObject, getSchemaPath } from '@nestjs/swagger';

/**
 * Documents the API's response envelopes: `{"data": {...}}` for one object, `{"data": [...], "next_cursor"}`
 * for a page of a list.
 */
export function ApiDataResponse(
  model: Type,
  options: { list?: boolean; status?: HttpStatus; description?: string } = {},
): MethodDecorator {
  const item = { $ref: getSchemaPath(model) };
  const schema: SchemaObject = options.list
    ? {
        type: 'object',
        required: ['data', 'next_cursor'],
        properties: {
          data: { type: 'array', items: item },
          next_cursor: {
            type: 'string',
            nullable: true,
            description: 'Pass as `cursor` for the next page; null on the last page.',
          },
        },
      }
    : { type: 'object', required: ['data'], properties: { data: item } };
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({ status: options.status ?? HttpStatus.OK, description: options.description, schema }),
  );
}
