import type { Role } from './permissions.js';

/** Who is calling: the API key the global guard authenticated. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
}

declare module 'http' {
  interface IncomingMessage {
    /** Set by the global guard on every route that is not public. */
    principal?: Principal;
  }
}
