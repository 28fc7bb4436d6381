import { lastKnownKey } from '$lib/auth/offline-copies';
import { ApiError, NetworkError } from '$lib/errors/api-error';

/** What a page loaded, and when it was saved if it comes from this device rather than the API. */
export interface LastKnown<T> {
  value: T;
  /** ISO time the copy was saved; null when the value is fresh from the API. */
  savedAt: string | null;
}

interface Saved<T> {
  savedAt: string;
  value: T;
}

/**
 * Loads from the API and keeps the answer on this device (under the prefix sign-out clears);
 * offline, or when the network fails, the copy. A 404 deletes it: the account lost access.
 */
export async function loadLastKnown<T>(
  what: string,
  load: () => Promise<T>,
): Promise<LastKnown<T>> {
  const key = lastKnownKey(what);
  const stored = localStorage.getItem(key);
  const saved = stored ? (JSON.parse(stored) as Saved<T>) : null;
  // With no network, do not even try: the copy opens at once, or the page says it has none.
  if (!navigator.onLine) {
    if (saved) return saved;
    throw new NetworkError();
  }
  try {
    const value = await load();
    localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), value }));
    return { value, savedAt: null };
  } catch (failure) {
    if (failure instanceof NetworkError && saved) return saved;
    if (failure instanceof ApiError && failure.status === 404) localStorage.removeItem(key);
    throw failure;
  }
}
