import { describe, expect, it } from 'vitest';
import { loadPlatformConfig } from '../config/platform.config.js';
import { clientAddress, parseTrustedProxies } from './client-address.js';

const hops = (value: string) => parseTrustedProxies(value);

describe('parseTrustedProxies', () => {
  it('keeps true and false as one proxy hop and none', () => {
    expect(parseTrustedProxies('true')).toEqual({ hops: 1 });
    expect(parseTrustedProxies('false')).toEqual({ hops: 0 });
    expect(parseTrustedProxies('')).toEqual({ hops: 0 });
    expect(parseTrustedProxies('1')).toEqual({ hops: 1 });
    expect(parseTrustedProxies('0')).toEqual({ hops: 0 });
    expect(parseTrustedProxies('3')).toEqual({ hops: 3 });
  });

  it.each(['yes', '-1', '10.0.0.0/33', '10.0.0.0/8/1', '::1/129', '10.0.0.1,', 'proxy.internal'])(
    'refuses %j',
    (value) => {
      expect(() => parseTrustedProxies(value)).toThrow(/proxy hops/);
    },
  );

  it('stops start-up on a bad TRUST_PROXY with one line naming it', () => {
    expect(() => loadPlatformConfig({ TRUST_PROXY: 'yes' })).toThrow(
      /^Invalid configuration: TRUST_PROXY: expected true, false, a number of proxy hops.* \(got "yes"\)$/,
    );
    expect(loadPlatformConfig({}).TRUST_PROXY).toEqual({ hops: 0 });
  });
});

describe('clientAddress', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress('198.51.100.9', '203.0.113.7', hops('false'))).toBe('198.51.100.9');
  });

  it('takes the right-most entry behind one proxy, not what the client put on the left', () => {
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.7', hops('true'))).toBe('203.0.113.7');
  });

  it('skips as many right-hand entries as there are trusted hops', () => {
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.7, 10.0.0.5', hops('2'))).toBe(
      '203.0.113.7',
    );
  });

  it('takes the left-most entry when there are fewer entries than trusted hops', () => {
    expect(clientAddress('10.0.0.2', '203.0.113.7', hops('3'))).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', undefined, hops('3'))).toBe('10.0.0.2');
  });

  it('walks past listed proxies and subnets to the first address that is not one', () => {
    const trusted = hops('127.0.0.1, 10.0.0.0/8, fd00::/8');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.7, 10.1.2.3, fd00::4', trusted)).toBe(
      '203.0.113.7',
    );
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.7', trusted)).toBe('203.0.113.7');
  });

  it('believes no header from a peer that is not a listed proxy', () => {
    expect(clientAddress('198.51.100.9', '203.0.113.7', hops('10.0.0.0/8'))).toBe('198.51.100.9');
  });

  it('never returns something from the header that is not an address', () => {
    expect(clientAddress('10.0.0.2', 'not-an-ip', hops('1'))).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', 'x, <script>, 203.0.113.7', hops('3'))).toBe('203.0.113.7');
  });

  it('reads entries written with a port, in brackets or IPv4-mapped', () => {
    expect(clientAddress('10.0.0.2', '203.0.113.7:51234', hops('1'))).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', '[2001:db8::1]:443', hops('1'))).toBe('2001:db8::1');
    expect(clientAddress('10.0.0.2', '2001:db8::1', hops('1'))).toBe('2001:db8::1');
    expect(clientAddress('::ffff:198.51.100.9', undefined, hops('0'))).toBe('198.51.100.9');
  });

  it('answers unknown when the connection has no peer address', () => {
    expect(clientAddress(undefined, '203.0.113.7', hops('0'))).toBe('unknown');
    expect(clientAddress(undefined, '203.0.113.7', hops('1'))).toBe('203.0.113.7');
  });
});
