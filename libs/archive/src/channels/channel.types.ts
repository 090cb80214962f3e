/** A channel as "Get a channel" returns it (REFERENCE §2 Channel); Zoom's schema marks nothing required. */
export interface ZoomChannelInput {
  id?: string;
  name?: string;
  type?: number;
  channel_settings?: Record<string, unknown>;
}

/** A member as "List channel members" returns it (REFERENCE §2 Member). */
export interface ZoomChannelMemberInput {
  id?: string;
  member_id?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  name?: string;
  role?: string;
  is_external?: boolean;
}

export interface ChannelRow {
  id: string;
  name: string;
  type: number | null;
  settings: Record<string, unknown> | null;
}

export interface ChannelMemberRow {
  memberId: string;
  userId: string;
  email: string;
  displayName: string;
  role: string;
  isExternal: boolean;
}

/** Who may be asked to read a channel: an account user's id or email, best first. */
export interface ChannelReader {
  /** A user id or an email: the `{userId}` of the channel endpoints accepts either. */
  userId: string;
  source: 'member' | 'sender';
}

/** What a complete member listing changed. */
export interface MemberListingResult {
  members: number;
  removed: number;
}
