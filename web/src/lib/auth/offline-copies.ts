/** Every name the app stores on the device begins with this: localStorage keys and IndexedDB databases. */
const DEVICE_PREFIX = 'callboard:';
const UNSYNCED_PREFIX = `${DEVICE_PREFIX}unsynced:`;

/** The IndexedDB database (y-indexeddb) that holds a calendar's offline copy. */
export function offlineCopyName(calendarId: string): string {
  return `${DEVICE_PREFIX}${calendarId}`;
}

/** The localStorage key of the last answer of the API kept to open a page offline (`projects`). */
export function lastKnownKey(what: string): string {
  return `${DEVICE_PREFIX}last-known:${what}`;
}

/** Remembers, across tabs and reloads, that this device holds edits the server has not confirmed. */
export function markUnsynced(calendarId: string, calendarName: string): void {
  localStorage.setItem(`${UNSYNCED_PREFIX}${calendarId}`, calendarName);
}

export function markSynced(calendarId: string): void {
  localStorage.removeItem(`${UNSYNCED_PREFIX}${calendarId}`);
}

/** Names of the calendars whose edits on this device the server has not confirmed. */
export function unsyncedCalendars(): string[] {
  return Object.keys(localStorage)
    .filter((key) => key.startsWith(UNSYNCED_PREFIX))
    .map((key) => localStorage.getItem(key) ?? '')
    .sort();
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = () => resolve();
    // Another tab still has it open: the browser deletes it once that tab lets go.
    request.onblocked = () => resolve();
  });
}

/**
 * Deletes what the app kept on this device for the signed-in user: every calendar's offline
 * copy, the last known projects and calendar details, and the cached user. The service worker's cache holds
 * only the app shell, which is the same for everyone, so it stays.
 */
export async function clearOfflineCopies(): Promise<void> {
  const databases = await indexedDB.databases();
  await Promise.all(
    databases
      .map((database) => database.name)
      .filter((name): name is string => name?.startsWith(DEVICE_PREFIX) ?? false)
      .map(deleteDatabase),
  );
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(DEVICE_PREFIX)) localStorage.removeItem(key);
  }
}
