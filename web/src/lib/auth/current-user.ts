import { redirect } from '@sveltejs/kit';
import { unwrap, type ApiClient } from '$lib/api/api-client';
import { ApiError, NetworkError } from '$lib/errors/api-error';
import type { components } from '$lib/api/schema';

export type User = components['schemas']['User'];

const CACHE_KEY = 'callboard:user';

/**
 * The signed-in user, or a redirect to /login that comes back afterwards. Offline, the last
 * known user is used so the editor still opens on a set with no signal.
 */
export async function requireUser(api: ApiClient, url: URL): Promise<User> {
  const cached = localStorage.getItem(CACHE_KEY);
  // With no network, do not even try: the last known user opens the cached pages.
  if (!navigator.onLine && cached) return JSON.parse(cached) as User;
  try {
    const { user } = await unwrap(api.GET('/api/auth/me'));
    localStorage.setItem(CACHE_KEY, JSON.stringify(user));
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      localStorage.removeItem(CACHE_KEY);
      redirect(307, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
    }
    if (error instanceof NetworkError && cached) return JSON.parse(cached) as User;
    throw error;
  }
}

export function forgetUser(): void {
  localStorage.removeItem(CACHE_KEY);
}
