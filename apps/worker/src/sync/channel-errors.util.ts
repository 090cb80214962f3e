import { ZoomPermanentError } from '#libs/zoom-client';

/** 404 / 4130 "Channel does not exist" (REFERENCE §1.3): deleted, or never was. */
export function isChannelGone(error: unknown): boolean {
  return error instanceof ZoomPermanentError && error.code === 4130;
}

/**
 * The user asked cannot read the channel: not a member (code 200 inside a 400 or 403, REFERENCE §3 #25,
 * #19), or no longer in the account (404 / 1001). Another member may still read it.
 */
export function isNoAccess(error: unknown): boolean {
  if (!(error instanceof ZoomPermanentError)) return false;
  if (error.code === 1001) return true;
  return error.code === 200 && (error.status === 400 || error.status === 403);
}

/** Zoom's own words when it gave them, else the client's description. */
export function zoomReason(error: unknown): string {
  if (error instanceof ZoomPermanentError) return error.zoomMessage ?? error.message;
  return error instanceof Error ? error.message : String(error);
}
