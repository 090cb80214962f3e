/** An error answered with Zoom's body `{code, message}` (plus `errors` for validation failures). */
export class ZoomError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly errors?: { field: string; message: string }[],
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    const body: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.errors) body.errors = this.errors;
    return body;
  }

  static validation(field: string, message = 'Invalid field.'): ZoomError {
    return new ZoomError(400, 300, 'Validation Failed.', {}, [{ field, message }]);
  }

  static badRequest(message: string, code = 300): ZoomError {
    return new ZoomError(400, code, message);
  }

  static userNotFound(id: string): ZoomError {
    return new ZoomError(404, 1001, `User does not exist: ${id}.`);
  }

  static channelNotFound(id: string): ZoomError {
    return new ZoomError(404, 4130, `Channel does not exist: ${id}.`);
  }

  static invalidPageToken(wording: 'either' | 'short' = 'either'): ZoomError {
    return new ZoomError(
      400,
      300,
      wording === 'either'
        ? 'The next page token is either invalid or has expired.'
        : 'The next page token is invalid or expired.',
    );
  }
}
