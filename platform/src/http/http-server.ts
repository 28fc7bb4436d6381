import http from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener, RequestError } from '@hono/node-server';
import { errorBody } from '../errors/errors.js';

type Fetch = Parameters<typeof getRequestListener>[0];

interface FaultAnswer {
  status: number;
  code: string;
  message: string;
}

/** What Node's HTTP parser rejects, answered in the API's error shape instead of Node's bare text. */
const parserFaults: Record<string, FaultAnswer> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    message: 'Request headers are too large.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    message: 'The request did not arrive in time.',
  },
};

const malformed: FaultAnswer = {
  status: 400,
  code: 'bad_request',
  message: 'Malformed HTTP request.',
};

/** How long a connection that sent a malformed request may stay open to read our answer. */
const LINGER_AFTER_FAULT_MS = 5_000;

function rawResponse({ status, code, message }: FaultAnswer): string {
  const body = JSON.stringify(errorBody(code, message));
  return (
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n` +
    'Content-Type: application/json\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

/**
 * The one way this project creates an HTTP server: requests the parser cannot frame (a wrong
 * Content-Length, bad bytes, oversized headers, a body that never arrives) get a JSON error.
 */
export function createHttpServer(
  listener: http.RequestListener,
  options: Pick<http.ServerOptions, 'requestTimeout' | 'connectionsCheckingInterval'> = {},
): http.Server {
  const server = http.createServer(options, listener);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // As Node itself does: once a response has begun on the socket, more bytes would corrupt it.
    const inFlight = (socket as Socket & { _httpMessage?: http.ServerResponse })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    // Half-close and keep reading: closing with unread bytes would reset the connection and
    // lose the answer before the client reads it.
    socket.end(rawResponse(parserFaults[error.code ?? ''] ?? malformed));
    socket.resume();
    socket.setTimeout(LINGER_AFTER_FAULT_MS, () => socket.destroy());
  });
  return server;
}

/**
 * Serves a Hono app on a Node server; a request Hono cannot even build (a bad Host header or
 * request target) gets the API's 400 rather than an empty one.
 */
export function honoRequestListener(fetch: Fetch): http.RequestListener {
  const listener = getRequestListener(fetch, {
    errorHandler: (error) =>
      error instanceof RequestError
        ? Response.json(errorBody(malformed.code, malformed.message), { status: 400 })
        : Response.json(errorBody('internal', 'Something went wrong on our side.'), {
            status: 500,
          }),
  });
  return (request, response) => void listener(request, response);
}
