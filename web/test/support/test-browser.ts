import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { vi } from 'vitest';
import { WebSocket } from 'ws';

/** localStorage in memory; items are own properties, so `Object.keys(localStorage)` lists them. */
class MemoryStorage {
  [key: string]: unknown;
  getItem(key: string): string | null {
    return Object.hasOwn(this, key) ? String(this[key]) : null;
  }
  setItem(key: string, value: string): void {
    this[key] = String(value);
  }
  removeItem(key: string): void {
    delete this[key];
  }
}

export interface TestBrowser {
  /** The network goes, as the browser reports it (`navigator.onLine`, the `offline` event). */
  goOffline(): void;
  goOnline(): void;
}

/**
 * Gives this Node test the browser that the calendar's state classes use: a page served from
 * `origin`, the network status and its events, localStorage, IndexedDB (fake-indexeddb) and
 * WebSocket (ws). Each call is a fresh device with nothing stored; `vi.unstubAllGlobals()` ends it.
 */
export function stubBrowser(origin: string): TestBrowser {
  const window = new EventTarget();
  const navigator = { onLine: true };
  vi.stubGlobal('location', new URL(origin));
  vi.stubGlobal('navigator', navigator);
  vi.stubGlobal('addEventListener', window.addEventListener.bind(window));
  vi.stubGlobal('removeEventListener', window.removeEventListener.bind(window));
  vi.stubGlobal('localStorage', new MemoryStorage());
  vi.stubGlobal('indexedDB', new IDBFactory());
  vi.stubGlobal('IDBKeyRange', IDBKeyRange);
  vi.stubGlobal('WebSocket', WebSocket);
  return {
    goOffline() {
      navigator.onLine = false;
      window.dispatchEvent(new Event('offline'));
    },
    goOnline() {
      navigator.onLine = true;
      window.dispatchEvent(new Event('online'));
    },
  };
}
