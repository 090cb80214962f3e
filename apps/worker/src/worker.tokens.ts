/** Injection tokens of the worker's plain-class singletons. */
export const SYNC_CONFIG = Symbol('SyncConfig');
export const SYNC_SERVICE = Symbol('SyncService');
export const DATA_SOURCE = Symbol('DataSource');
export const REDIS = Symbol('Redis');
export const METRICS = Symbol('SyncMetrics');
export const ZOOM_CLIENT = Symbol('ZoomClient');
export const SYNC_QUEUE_PORT = Symbol('SyncQueue');
export const CHANNEL_SYNC_SERVICE = Symbol('ChannelSyncService');
