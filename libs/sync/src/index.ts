export * from './job-catalogue.js';
export * from './redis-connection.js';
export * from './sync-config.js';
export * from './sync-queue.js';
export * from './sync-windows.util.js';
