import { ERROR_CODES } from '@callboard/domain';
import { error as pageFailure } from '@sveltejs/kit';
import { InvalidFieldError } from '../forms/form-fields';

/** An error answered by the API, carrying its stable code and the Retry-After wait. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The network itself failed: offline, or the server is unreachable. */
export class NetworkError extends Error {
  constructor() {
    super('No connection to the server.');
    this.name = 'NetworkError';
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** The one place that turns any failure into the sentence a person sees. */
export function userMessage(error: unknown): string {
  if (error instanceof InvalidFieldError) return error.message;
  if (error instanceof NetworkError)
    return 'You are offline or the server cannot be reached. Try again.';
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfterSeconds) {
      return `Too many attempts. Try again in ${formatWait(error.retryAfterSeconds)}.`;
    }
    if (error.code === 'email_taken')
      return 'An account with this email already exists. Sign in instead?';
    if (error.code === ERROR_CODES.crossOrigin)
      return 'This request came from another site and was refused.';
    return error.message;
  }
  return 'Something went wrong. Try again.';
}

/**
 * Turns a loader's failure into the page SvelteKit shows (routes/+error.svelte): 404 for an id
 * the API does not show this account, since it answers alike for unknown, malformed and
 * no-access ids; 503 offline with no copy on this device.
 * Anything else (a redirect to sign-in included) passes through.
 */
export function pageError(failure: unknown): never {
  if (failure instanceof ApiError && failure.status === 404)
    pageFailure(404, "Not found, or you don't have access.");
  if (failure instanceof NetworkError) {
    pageFailure(503, 'You are offline, and this page has not been opened on this device before.');
  }
  throw failure;
}
