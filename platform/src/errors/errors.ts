import { isInvalidTextError } from '@callboard/db';
import { ERROR_CODES } from '@callboard/domain';
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
    super(400, ERROR_CODES.validationFailed, message);
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
    super(401, ERROR_CODES.unauthenticated, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do that.', code: string = ERROR_CODES.forbidden) {
    super(403, code, message);
  }
}

/** A state-changing request or a live connection from another site's page. */
export class CrossOriginError extends ForbiddenError {
  constructor(message = 'Cross-origin request refused.') {
    super(message, ERROR_CODES.crossOrigin);
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super(404, ERROR_CODES.notFound, `${what} not found.`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code: string = ERROR_CODES.conflict) {
    super(409, code, message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, ERROR_CODES.payloadTooLarge, `Request body is larger than ${limitBytes} bytes.`);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(retryAfterSeconds: number, message = 'Too many requests. Try again later.') {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(429, ERROR_CODES.rateLimited, message, { 'Retry-After': String(seconds) });
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message = 'The service is starting. Try again shortly.') {
    super(503, ERROR_CODES.unavailable, message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
