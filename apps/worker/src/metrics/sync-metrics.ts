import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** The worker's Prometheus metrics (prom-client: the standard registry and exposition format). */
export class SyncMetrics {
  readonly registry = new Registry();
  readonly zoomRequests = new Counter({
    name: 'zoom_requests_total',
    help: 'Requests to Zoom by rate-limit label and HTTP status',
    labelNames: ['label', 'status'] as const,
    registers: [this.registry],
  });
  readonly zoom429 = new Counter({
    name: 'zoom_rate_limited_total',
    help: '429 answers from Zoom by limit type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly messages = new Counter({
    name: 'archive_messages_seen_total',
    help: 'Message rows read from Zoom reports',
    registers: [this.registry],
  });
  readonly versions = new Counter({
    name: 'archive_versions_added_total',
    help: 'New message versions written to the archive',
    registers: [this.registry],
  });
  readonly windowsFailed = new Counter({
    name: 'sync_windows_failed_total',
    help: 'Session windows that failed permanently',
    registers: [this.registry],
  });
  readonly channelSyncs = new Counter({
    name: 'channel_member_syncs_total',
    help: 'Channel member syncs by result: synced, deleted (404 / 4130), unreadable (no member could read it), failed',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly channelMembersRemoved = new Counter({
    name: 'channel_members_removed_total',
    help: 'Channel members marked removed because a complete listing no longer named them',
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'sync_queue_depth',
    help: 'Jobs in the sync queue by state',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  readonly syncLag = new Gauge({
    name: 'sync_lag_seconds',
    help: 'Seconds since the last session window completed',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
