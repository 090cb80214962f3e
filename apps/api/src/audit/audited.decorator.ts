import { SetMetadata } from '@nestjs/common';

export const AUDIT_ACTION_METADATA = 'zca:audit-action';

/** Every request to the route appends one audit entry with this action (DESIGN invariant 5). */
export function Audited(action: string): MethodDecorator {
  return SetMetadata(AUDIT_ACTION_METADATA, action);
}
