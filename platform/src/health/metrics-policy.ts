import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList } from 'node:net';
import { AppError, ForbiddenError } from '../errors/errors.js';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Whether the TCP peer is this machine (IPv4-mapped too); X-Forwarded-For plays no part. */
function isLoopback(peerAddress: string | undefined): boolean {
  if (!peerAddress) return false;
  return peerAddress.includes(':')
    ? loopback.check(peerAddress, 'ipv6')
    : loopback.check(peerAddress, 'ipv4');
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who may read /metrics: with METRICS_TOKEN set, whoever sends it as a bearer token; without,
 * loopback peers only, and not through a proxy on the same host (which says so in
 * X-Forwarded-For or Forwarded), since that proxy may be serving the world.
 * Throws the error to answer with; returns when the request may read.
 */
export function assertMetricsAccess(
  token: string | undefined,
  request: {
    authorization: string | undefined;
    peerAddress: string | undefined;
    /** Whether the request carries X-Forwarded-For or Forwarded. */
    forwarded: boolean;
  },
): void {
  if (token === undefined) {
    if (isLoopback(request.peerAddress) && !request.forwarded) return;
    throw new ForbiddenError(
      'Metrics answer only on loopback unless METRICS_TOKEN is set.',
      'metrics_forbidden',
    );
  }
  const sent = /^Bearer (.+)$/i.exec(request.authorization ?? '')?.[1]?.trim() ?? '';
  // Digests have equal lengths, so the comparison takes the same time whatever was sent.
  if (sent !== '' && timingSafeEqual(digest(sent), digest(token))) return;
  throw new AppError(
    401,
    'unauthenticated',
    'Send the metrics token as `Authorization: Bearer <token>`.',
    { 'WWW-Authenticate': 'Bearer realm="metrics"' },
  );
}
