/** Resource routes live under this prefix; health and the OpenAPI document stay at the root for probes and tools. */
export const API_PREFIX = 'api/v1';
export const PREFIX_EXCLUDED_PATHS = ['health'];
