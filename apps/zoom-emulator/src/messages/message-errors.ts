import { ZoomError } from '../gateway/zoom-error.js';
import type { TargetErrors } from './message-target.util.js';

/** Zoom's wording differs per endpoint; every text here is REFERENCE §3 "Chat messages" verbatim. */
const INVALID_TARGET = 'The contact or the channel parameter provided is invalid.';
const MUST_PROVIDE = 'Must provide either contact or channel parameter.';

const modifyMissing = (messageId: string) =>
  ZoomError.badRequest(`Message does not exist: ${messageId}. ${MUST_PROVIDE}`);

export const LIST_TARGET_ERRORS: TargetErrors = {
  missing: ZoomError.badRequest(MUST_PROVIDE),
  forbidden: ZoomError.badRequest(
    "Unauthorized request. You do not have permission to access this user's chat messages.",
    200,
  ),
};

export const GET_TARGET_ERRORS: TargetErrors = {
  missing: ZoomError.badRequest('Must provide either "contact" or "channel" parameter.'),
  forbidden: ZoomError.badRequest('The provided "to_contact" or "to_channel" parameter is invalid.', 200),
};

export const DELETE_TARGET_ERRORS: TargetErrors = {
  missing: ZoomError.badRequest('You must provide the "to_contact" or the "to_channel" query parameter.'),
  forbidden: ZoomError.badRequest(INVALID_TARGET, 200),
};

/** Sending has no documented permission error; a refused post is Zoom's generic 5301. */
export const SEND_TARGET_ERRORS: TargetErrors = {
  missing: ZoomError.badRequest(MUST_PROVIDE),
  forbidden: sendFailed(),
};

/** #13, #10 and #9 answer a missing target and an unknown message with one combined text. */
export function modifyTargetErrors(messageId: string): TargetErrors {
  return { missing: modifyMissing(messageId), forbidden: ZoomError.badRequest(INVALID_TARGET, 200) };
}

export function modifiedMessageNotFound(messageId: string): ZoomError {
  return modifyMissing(messageId);
}

/** #12 and #11 document this odd text for a message they cannot find. */
export function readMessageNotFound(messageId: string): ZoomError {
  return ZoomError.badRequest(`Channel does not exist: ${messageId}`);
}

export function notSender(): ZoomError {
  return ZoomError.badRequest('Only the sender of this message can make updates.', 200);
}

export function sendFailed(): ZoomError {
  return ZoomError.badRequest('Message sending failed.', 5301);
}

export function notAMainMessage(): ZoomError {
  return ZoomError.badRequest('This only supports replies to a main message.', 5402);
}

export function fileNotFound(fileId: string): ZoomError {
  return ZoomError.badRequest(`File does not exist: ${fileId}.`, 5404);
}
