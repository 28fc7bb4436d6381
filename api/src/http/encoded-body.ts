import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';

/**
 * A large JSON answer kept ready to send: its bytes, an entity tag and, once a client asks for
 * it, a gzip copy. A schedule is about 240 KB of JSON; encoding and compressing it again for
 * every read would be most of the cost of the read.
 */
export class EncodedBody {
  readonly bytes: Uint8Array;
  readonly etag: string;
  #gzip: Uint8Array | null = null;

  constructor(text: string) {
    this.bytes = Buffer.from(text);
    this.etag = `"${createHash('sha256').update(this.bytes).digest('base64url').slice(0, 27)}"`;
  }

  get gzip(): Uint8Array {
    // Level 6 (zlib's default) compresses a schedule about eightfold in a few milliseconds, once.
    this.#gzip ??= gzipSync(this.bytes);
    return this.#gzip;
  }
}

/** Whether the request's If-None-Match names `etag` (or `*`). */
function notModified(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}

/** Whether Accept-Encoding allows gzip (a `q=0` refuses it). */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * Sends `body` as JSON: 304 when the client holds this version, gzip when it accepts it. The
 * answer is private (it needs a session), and `no-cache` makes clients revalidate every read.
 */
export function sendEncodedBody(c: Context, body: EncodedBody): Response {
  const headers: Record<string, string> = {
    etag: body.etag,
    'cache-control': 'private, no-cache',
    vary: 'accept-encoding, cookie',
  };
  if (notModified(c.req.header('if-none-match'), body.etag)) return c.body(null, 304, headers);
  headers['content-type'] = 'application/json';
  if (acceptsGzip(c.req.header('accept-encoding'))) {
    headers['content-encoding'] = 'gzip';
    return c.body(body.gzip as Uint8Array<ArrayBuffer>, 200, headers);
  }
  return c.body(body.bytes as Uint8Array<ArrayBuffer>, 200, headers);
}
