import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { sessionCookieName } from '@callboard/accounts';

export interface CookiePolicy {
  secure: boolean;
  maxAgeSeconds: number;
}

export function setSessionCookie(c: Context, token: string, policy: CookiePolicy): void {
  setCookie(c, sessionCookieName(policy.secure), token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: policy.secure,
    maxAge: policy.maxAgeSeconds,
  });
}

export function clearSessionCookie(c: Context, policy: Pick<CookiePolicy, 'secure'>): void {
  deleteCookie(c, sessionCookieName(policy.secure), {
    path: '/',
    secure: policy.secure,
    httpOnly: true,
    sameSite: 'Lax',
  });
}
