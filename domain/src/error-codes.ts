/**
 * The error codes a client acts on, declared once for the HTTP API, the /yjs upgrade, socket.io
 * and the web app: the same cause gives the same word on every transport.
 */
export const ERROR_CODES = {
  validationFailed: 'validation_failed',
  badRequest: 'bad_request',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  /** A browser request or connection from another site's page. */
  crossOrigin: 'csrf',
  notFound: 'not_found',
  conflict: 'conflict',
  payloadTooLarge: 'payload_too_large',
  rateLimited: 'rate_limited',
  unavailable: 'unavailable',
  internal: 'internal',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
