import { BlockList, isIP } from 'node:net';

/** Which peers in front of the API are its own proxies: a number of hops, or their addresses. */
export type TrustedProxies = { hops: number } | { addresses: BlockList };

const TRUST_PROXY_FORMAT =
  'expected true, false, a number of proxy hops, or a comma-separated list of proxy addresses and CIDR subnets';

/** Reads TRUST_PROXY: `false` or `true` (no proxy or one), a hop count, or addresses and subnets. */
export function parseTrustedProxies(value: string): TrustedProxies {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false') return { hops: 0 };
  if (text === 'true') return { hops: 1 };
  if (/^\d{1,2}$/.test(text)) return { hops: Number(text) };
  const addresses = new BlockList();
  for (const entry of text.split(',')) {
    const [address = '', prefix, extra] = entry.trim().split('/');
    const family = isIP(address);
    const maxBits = family === 4 ? 32 : 128;
    if (!family || extra !== undefined) throw new Error(TRUST_PROXY_FORMAT);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) addresses.addAddress(address, type);
    else if (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxBits)
      addresses.addSubnet(address, Number(prefix), type);
    else throw new Error(TRUST_PROXY_FORMAT);
  }
  return { addresses };
}

/** An address as proxies write it (with a port, in brackets, IPv4-mapped) in its plain form; null if it is none. */
function plainAddress(entry: string): string | null {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  address = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return isIP(address) ? address : null;
}

function isTrusted(address: string, hop: number, trusted: TrustedProxies): boolean {
  if ('hops' in trusted) return hop < trusted.hops;
  const family = isIP(address);
  return family !== 0 && trusted.addresses.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client's address: from the connection's peer, walk X-Forwarded-For from the right past our
 * own proxies; entries left of the first one they did not vouch for are whatever the client sent.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string {
  const chain = forwardedFor ? forwardedFor.split(',') : [];
  let client = (peer && plainAddress(peer)) ?? 'unknown';
  for (let hop = 0; chain.length > 0 && isTrusted(client, hop, trusted); hop++) {
    const next = plainAddress(chain.pop()!);
    // A malformed entry breaks the chain: keep the last address a trusted proxy vouched for.
    if (!next) break;
    client = next;
  }
  return client;
}
