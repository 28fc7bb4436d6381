import { isInvalidTextError } from '@callboard/db';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error a client can act on: a stable code, a status, and a message safe to show. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string) {
    super(400, 'validation_failed', message);
  }
}

/**
 * The named error for text the database refused (a NUL, a malformed id) that validation let
 * through; the database's own words stay out of the message.
 */
export function requestErrorFromDatabase(error: unknown): AppError | null {
  if (!isInvalidTextError(error)) return null;
  return new ValidationError('The request contains text that cannot be stored.');
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in to continue.') {
    super(401, 'unauthenticated', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do that.', code = 'forbidden') {
    super(403, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super(404, 'not_found', `${what} not found.`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, 'payload_too_large', `Request body is larger than ${limitBytes} bytes.`);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(retryAfterSeconds: number, message = 'Too many requests. Try again later.') {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(429, 'rate_limited', message, { 'Retry-After': String(seconds) });
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message = 'The service is starting. Try again shortly.') {
    super(503, 'unavailable', message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
