import type { SyncWindowMode, SyncWindowStatus } from '../entities/sync-window.entity.js';

/** One account × session × report window × mode. Dates are `yyyy-mm-dd` (UTC), as Zoom's report takes them. */
export interface SyncWindowKey {
  accountId: string;
  sessionId: string;
  from: string;
  to: string;
  mode: SyncWindowMode;
}

export interface PlannedWindow {
  sessionId: string;
  from: string;
  to: string;
  mode: SyncWindowMode;
}

export interface WindowCounts {
  pages: number;
  messagesSeen: number;
  versionsAdded: number;
}

export interface RunProgress {
  total: number;
  done: number;
  failed: number;
  running: number;
  pending: number;
  messages: number;
  versionsAdded: number;
}

export interface FailedWindow {
  /** '' for a failed session listing, which hides every session of its window. */
  sessionId: string;
  from: string;
  to: string;
  mode: SyncWindowMode | 'sessions';
  error: string;
}

/** A channel whose last sync read nothing (no member could see it, or a permanent error). */
export interface ChannelWarning {
  channelId: string;
  name: string;
  warning: string;
  at: string | null;
}

export interface Coverage {
  windows: Record<'done' | 'pending' | 'running' | 'failed', number>;
  failed: FailedWindow[];
  /** Channels whose details and members could not be read in their last sync (at most 100, latest first). */
  channelWarnings: ChannelWarning[];
  /** The earliest day from the horizon up to yesterday that is not fully archived; null when none. */
  oldestUncoveredDay: string | null;
  /** The first day of the unbroken run of archived days ending yesterday; null when yesterday is not archived. */
  coveredFrom: string | null;
}

export type { SyncWindowMode, SyncWindowStatus };
