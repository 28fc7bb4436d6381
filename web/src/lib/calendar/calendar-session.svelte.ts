import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  createEvent,
  deleteEvent,
  DOCUMENT_LIMIT_CLOSE_CODE,
  eventsMap,
  initialiseMeta,
  presenceState,
  readEvents,
  readPresenceState,
  updateEvent,
  type CalendarEvent,
  type CalendarEventFields,
  type PresenceColor,
  type PresenceCursor,
} from '@callboard/domain';
import { markSynced, markUnsynced, offlineCopyName } from '$lib/auth/offline-copies';
import { presenceColor } from './presence-colors';

export type ConnectionState = 'connecting' | 'connected' | 'saved' | 'offline';

export interface Peer {
  clientId: number;
  userId: string;
  name: string;
  /** Validated by the presence colour rule, so it is safe in a style. */
  color: PresenceColor;
  editing: string | null;
  /** Where their caret is in a text field, while one has focus. */
  cursor: PresenceCursor | null;
}

/** Why the server ended the connection, in words the user can act on. */
const CLOSE_REASONS: Record<number, string> = {
  4401: 'Your session has ended. Sign in again to keep editing.',
  4403: 'Your access to this project changed. Reload to continue.',
  4404: 'This calendar was deleted.',
  // The provider does not reconnect (44xx): resending the same change would be refused again.
  [DOCUMENT_LIMIT_CLOSE_CODE]:
    'Your last change was refused for being too large and was not saved. Undo it, or wait a minute if you made many changes quickly, then reload the page.',
};

/** Marks transactions made by this browser, so undo covers only your own edits. */
const LOCAL = Symbol('local edit');

/**
 * One open calendar: its Yjs document bound to the server (y-websocket), to IndexedDB for
 * offline use, and to awareness for presence. Components read the `$state` fields.
 */
export class CalendarSession {
  events = $state<CalendarEvent[]>([]);
  state = $state<ConnectionState>('connecting');
  peers = $state<Peer[]>([]);
  /** Set when the server closed the connection for good (revoked, deleted). */
  closedReason = $state<string | null>(null);
  loadedLocally = $state(false);
  canUndo = $state(false);
  canRedo = $state(false);

  readonly doc = new Y.Doc();
  readonly #provider: WebsocketProvider;
  readonly #storage: IndexeddbPersistence;
  readonly #undo: Y.UndoManager;
  #unsaved = false;
  #savedTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #cleanups: (() => void)[] = [];

  constructor(
    readonly calendarId: string,
    readonly user: { id: string; name: string },
    readonly meta: { name: string; timezone: string },
    readonly readOnly: boolean,
  ) {
    // The open document, for console debugging and the end-to-end tests' forced writes.
    globalThis.callboardDocument = this.doc;
    this.#storage = new IndexeddbPersistence(offlineCopyName(calendarId), this.doc);
    this.#storage.once('synced', () => (this.loadedLocally = true));

    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.#provider = new WebsocketProvider(
      `${protocol}//${location.host}/yjs`,
      calendarId,
      this.doc,
      {
        connect: navigator.onLine,
        // Same-tab sync across tabs would bypass the server's read-only rules for viewers.
        disableBc: true,
      },
    );
    this.#undo = new Y.UndoManager(eventsMap(this.doc), { trackedOrigins: new Set([LOCAL]) });

    const refreshEvents = () => (this.events = readEvents(this.doc));
    eventsMap(this.doc).observeDeep(refreshEvents);
    this.#cleanups.push(() => eventsMap(this.doc).unobserveDeep(refreshEvents));
    refreshEvents();

    const refreshUndo = () => {
      this.canUndo = this.#undo.canUndo();
      this.canRedo = this.#undo.canRedo();
    };
    this.#undo.on('stack-item-added', refreshUndo);
    this.#undo.on('stack-item-popped', refreshUndo);

    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.#provider || origin === this.#storage) return;
      this.#unsaved = true;
      markUnsynced(calendarId, meta.name);
      this.#refreshState();
    });
    this.#provider.on('status', () => this.#refreshState());
    this.#provider.on('sync', (synced: boolean) => {
      if (synced && !this.readOnly) initialiseMeta(this.doc, meta);
      this.#refreshState();
    });
    this.#provider.on('connection-close', (event: CloseEvent | null) => {
      const reason = event && CLOSE_REASONS[event.code];
      if (reason) this.closedReason = reason;
    });

    const awareness = this.#provider.awareness;
    if (!readOnly) {
      awareness.setLocalState(
        presenceState({ id: user.id, name: user.name, color: presenceColor(user.id) }, null),
      );
    }
    const refreshPeers = () => (this.peers = this.#readPeers());
    awareness.on('change', refreshPeers);
    refreshPeers();

    // Offline emulation (and real signal loss) does not always close an open socket: follow the browser.
    const goOffline = () => {
      this.#provider.disconnect();
      this.#refreshState();
    };
    const goOnline = () => {
      this.#provider.connect();
      this.#refreshState();
    };
    addEventListener('offline', goOffline);
    addEventListener('online', goOnline);
    this.#cleanups.push(() => {
      removeEventListener('offline', goOffline);
      removeEventListener('online', goOnline);
    });
    this.#refreshState();
  }

  #readPeers(): Peer[] {
    const peers: Peer[] = [];
    this.#provider.awareness.getStates().forEach((state, clientId) => {
      const presence = readPresenceState(state);
      if (!presence) return;
      const { user, editing, cursor } = presence;
      peers.push({
        clientId,
        userId: user.id,
        name: user.name,
        color: user.color ?? presenceColor(user.id),
        editing,
        cursor: cursor ?? null,
      });
    });
    return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
  }

  /** Others (not this tab) who have an event open, by event id. */
  get editorsByEvent(): Map<string, Peer[]> {
    const map = new Map<string, Peer[]>();
    const self = this.#provider.awareness.clientID;
    for (const peer of this.peers) {
      if (peer.clientId === self || !peer.editing) continue;
      map.set(peer.editing, [...(map.get(peer.editing) ?? []), peer]);
    }
    return map;
  }

  #refreshState(): void {
    clearTimeout(this.#savedTimer);
    if (!navigator.onLine || (!this.#provider.shouldConnect && !this.#provider.wsconnected)) {
      this.state = 'offline';
      return;
    }
    if (!this.#provider.wsconnected || !this.#provider.synced) {
      this.state = 'connecting';
      return;
    }
    this.state = 'connected';
    // Sent updates leave the socket buffer within a moment; the server commits them within tens of ms.
    this.#savedTimer = setTimeout(
      () => {
        const buffered = this.#provider.ws?.bufferedAmount ?? 0;
        if (buffered === 0 && this.#provider.wsconnected && this.#provider.synced) {
          this.#unsaved = false;
          markSynced(this.calendarId);
          this.state = 'saved';
        } else {
          this.#refreshState();
        }
      },
      this.#unsaved ? 400 : 0,
    );
  }

  setEditing(eventId: string | null): void {
    if (this.readOnly) return;
    this.#provider.awareness.setLocalStateField('editing', eventId);
  }

  /** Shows others where this tab's caret is in a text field; null when none has focus. */
  setCursor(cursor: PresenceCursor | null): void {
    if (this.readOnly) return;
    const awareness = this.#provider.awareness;
    const local = readPresenceState(awareness.getLocalState());
    if (!local) return;
    const next = presenceState(local.user, local.editing, cursor);
    if (JSON.stringify(next) !== JSON.stringify(local)) awareness.setLocalState(next);
  }

  create(fields: CalendarEventFields): string {
    let id = '';
    this.doc.transact(() => (id = createEvent(this.doc, fields)), LOCAL);
    return id;
  }

  update(id: string, patch: Partial<CalendarEventFields>): void {
    this.doc.transact(() => updateEvent(this.doc, id, patch), LOCAL);
  }

  /** Runs a change to the document as this user's edit: one undo step, as update() is. */
  edit(change: () => void): void {
    this.doc.transact(change, LOCAL);
  }

  remove(id: string): void {
    this.doc.transact(() => deleteEvent(this.doc, id), LOCAL);
  }

  undo(): void {
    this.#undo.undo();
  }

  redo(): void {
    this.#undo.redo();
  }

  destroy(): void {
    clearTimeout(this.#savedTimer);
    for (const cleanup of this.#cleanups) cleanup();
    this.#undo.destroy();
    this.#provider.awareness.setLocalState(null);
    this.#provider.destroy();
    void this.#storage.destroy();
    this.doc.destroy();
  }
}
