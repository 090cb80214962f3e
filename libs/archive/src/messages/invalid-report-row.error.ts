/**
 * A report row the archive cannot key or date (no id, no send time). Retrying the same page cannot help,
 * so a worker should fail the window with this message rather than retry.
 */
export class InvalidReportRowError extends Error {
  constructor(
    readonly sessionId: string,
    readonly messageId: string,
    reason: string,
  ) {
    super(`Report row ${messageId || '(no id)'} of session ${sessionId}: ${reason}`);
    this.name = 'InvalidReportRowError';
  }
}
