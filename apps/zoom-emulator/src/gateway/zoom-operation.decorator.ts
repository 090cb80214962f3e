import { SetMetadata } from '@nestjs/common';

export const ZOOM_OPERATION = 'zoom:operation';

/** Names the catalogue entry of a handler: its label, scopes and app-type rules apply to the route. */
export const ZoomOperation = (operationId: string): MethodDecorator => SetMetadata(ZOOM_OPERATION, operationId);
