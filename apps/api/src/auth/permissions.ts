import type { ApiKeyRole } from '#libs/archive';

/**
 * What a route needs. `public` marks the few routes anyone may call (health); every other route names one
 * permission, and a route with none is refused at boot.
 */
export type Permission =
  | 'messages:search'
  | 'messages:read'
  | 'sessions:read'
  | 'directory:read'
  | 'sync:read'
  | 'sync:run'
  | 'audit:read'
  | 'apikeys:manage'
  | 'exports:create'
  | 'exports:read'
  | 'exports:schedule'
  | 'reports:read'
  | 'public';

export type Role = ApiKeyRole;

/** The roles of DESIGN.md "Roles"; an API key carries exactly one. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'messages:search',
    'messages:read',
    'sessions:read',
    'directory:read',
    'sync:read',
    'sync:run',
    'audit:read',
    'apikeys:manage',
    'exports:create',
    'exports:read',
    'exports:schedule',
    'reports:read',
  ],
  compliance_officer: [
    'messages:search',
    'messages:read',
    'sessions:read',
    'directory:read',
    'sync:read',
    'exports:create',
    'exports:read',
    'reports:read',
  ],
  auditor: ['audit:read', 'sync:read', 'exports:read', 'reports:read'],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return permission === 'public' || ROLE_PERMISSIONS[role].includes(permission);
}
