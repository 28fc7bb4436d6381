import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/errors.js';
import { assertMetricsAccess } from './metrics-policy.js';

const TOKEN = 'a-metrics-token-of-some-length';

function verdict(
  token: string | undefined,
  authorization?: string,
  peerAddress?: string,
  forwarded = false,
) {
  try {
    assertMetricsAccess(token, { authorization, peerAddress, forwarded });
    return 'allowed';
  } catch (error) {
    return (error as AppError).status;
  }
}

describe('who may read /metrics', () => {
  it('lets loopback peers in without a token, IPv6 and IPv4-mapped included', () => {
    for (const peer of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect(verdict(undefined, undefined, peer), peer).toBe('allowed');
  });

  it('refuses any other peer without a token, and a peer that is unknown', () => {
    for (const peer of ['192.0.2.2', '::ffff:10.0.0.1', 'fd00::2', undefined])
      expect(verdict(undefined, undefined, peer), String(peer)).toBe(403);
  });

  it('refuses a loopback peer without a token when a proxy on this host forwarded the request', () => {
    expect(verdict(undefined, undefined, '127.0.0.1', true)).toBe(403);
  });

  it('asks every peer for the token once one is set, loopback included', () => {
    expect(verdict(TOKEN, undefined, '127.0.0.1')).toBe(401);
    expect(verdict(TOKEN, `Bearer ${TOKEN}-`, '127.0.0.1')).toBe(401);
    expect(verdict(TOKEN, `Bearer ${TOKEN.slice(1)}`, '127.0.0.1')).toBe(401);
    expect(verdict(TOKEN, TOKEN, '127.0.0.1')).toBe(401);
    expect(verdict(TOKEN, 'Bearer ', '127.0.0.1')).toBe(401);
  });

  it('lets in whoever sends the token as a bearer token, from anywhere', () => {
    expect(verdict(TOKEN, `Bearer ${TOKEN}`, '192.0.2.2')).toBe('allowed');
    expect(verdict(TOKEN, `bearer ${TOKEN}`, undefined)).toBe('allowed');
    expect(verdict(TOKEN, `Bearer ${TOKEN}`, '127.0.0.1', true)).toBe('allowed');
  });
});
