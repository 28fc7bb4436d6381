import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/**
 * The session cookie's name. Under https it carries the `__Host-` prefix, so the browser keeps
 * it only when Secure, host-only and on `/`: no sibling subdomain or plain-http page can plant
 * or shadow it. Browsers refuse that prefix over http, so a laptop keeps plain `session`.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-session' : 'session';
}

/** 20 random bytes (160 bits) as base32: the credential the browser holds. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The session id stored in the database: a leaked table yields no usable token. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

/** Reads the session token from a Cookie header; null for anything malformed. */
export function readSessionToken(
  cookieHeader: string | undefined | null,
  cookieName: string,
): string | null {
  if (!cookieHeader || cookieHeader.length > 8192) return null;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== cookieName) continue;
    const value = part.slice(separator + 1).trim();
    return TOKEN_SHAPE.test(value) ? value : null;
  }
  return null;
}
