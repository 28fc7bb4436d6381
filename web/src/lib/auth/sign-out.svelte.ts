import { goto, invalidateAll } from '$app/navigation';
import { createApiClient, unwrap } from '$lib/api/api-client';
import { ApiError, userMessage } from '$lib/errors/api-error';
import { clearOfflineCopies, unsyncedCalendars } from './offline-copies';

/**
 * Signing out of this device: the server ends the session, then the device forgets the
 * calendars it kept offline. Edits the server has not confirmed would go with them, so those
 * are named and confirmed first.
 */
export class SignOut {
  /** Calendars with edits the server has not confirmed, named in the confirmation. */
  unsynced = $state<string[]>([]);
  /** True while the user is asked whether to sign out anyway. */
  confirming = $state(false);
  error = $state<string | null>(null);
  readonly #api = createApiClient();

  async request(): Promise<void> {
    this.error = null;
    this.unsynced = unsyncedCalendars();
    if (this.unsynced.length > 0) this.confirming = true;
    else await this.confirm();
  }

  async confirm(): Promise<void> {
    this.confirming = false;
    try {
      await unwrap(this.#api.POST('/api/auth/logout'));
    } catch (failure) {
      // Offline the session would live on: keep everything and say so. An ended one is done.
      if (!(failure instanceof ApiError && failure.status === 401)) {
        this.error = userMessage(failure);
        return;
      }
    }
    await clearOfflineCopies();
    await invalidateAll();
    await goto('/login');
  }
}
