/** Injection tokens of the API's plain-class singletons, provided globally by ApiModule. */
export const DATA_SOURCE = Symbol('DataSource');
export const REDIS = Symbol('Redis');
export const API_CONFIG = Symbol('ApiConfig');
export const SYNC_QUEUE_PORT = Symbol('SyncQueue');
