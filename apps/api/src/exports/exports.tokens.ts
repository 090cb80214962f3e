/** Injection tokens of the API's export singletons. */
export const EXPORT_JOBS = Symbol('ExportJobs');
export const EXPORT_SCHEDULES = Symbol('ExportSchedules');
export const EXPORT_QUEUE_PORT = Symbol('ExportQueue');
