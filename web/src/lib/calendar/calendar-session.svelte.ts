import { peekVarUint } from 'lib0/decoding';
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import { messageYjsSyncStep1 } from 'y-protocols/sync';
import { messageSync, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  castMap,
  createEvent,
  deleteEvent,
  CLOSE_CODES,
  EVENT_FIELDS,
  eventsMap,
  findOfflineConflicts,
  findUnsavedEdits,
  initialiseMeta,
  migrateDocument,
  presenceState,
  readEvent,
  readEvents,
  readPresenceState,
  recordOfflineEdit,
  settingsMap,
  stripsMap,
  updateEvent,
  type BoardDay,
  type CalendarEvent,
  type CalendarEventFields,
  type OfflineEdit,
  type PresenceColor,
  type PresenceCursor,
  type PresenceState,
  type PresenceStrip,
} from '@callboard/domain';
import { markSynced, markUnsynced, offlineCopyName } from '$lib/auth/offline-copies';
import { BoardState } from '$lib/board/board-state.svelte';
import type { ConnectionState } from './connection-status';
import { relayUrl } from './document-connection';
import { presenceColor } from './presence-colors';
import { SyncNotices } from './sync-notices.svelte';

export interface Peer {
  clientId: number;
  userId: string;
  name: string;
  /** Validated by the presence colour rule, so it is safe in a style. */
  color: PresenceColor;
  editing: string | null;
  /** Where their caret is in a text field, while one has focus. */
  cursor: PresenceCursor | null;
  /** The strip they are dragging or editing on the board. */
  strip: PresenceStrip | null;
}

/** Why the server ended the connection for good, in words the user can act on. */
const CLOSE_REASONS: Record<number, string> = {
  [CLOSE_CODES.sessionEnded]: 'Your session has ended. Sign in again to keep editing.',
  [CLOSE_CODES.removedFromProject]: 'Your access to this project changed. Reload to continue.',
  [CLOSE_CODES.calendarDeleted]: 'This calendar was deleted.',
};

/** Closes after which this tab holds changes the server refused, and what the user is told. */
const REFUSALS: Record<number, string> = {
  [CLOSE_CODES.demotedToReader]: 'Your role is now viewer: changes are no longer saved.',
  [CLOSE_CODES.documentLimitExceeded]:
    'Your last change was refused for being too large and was not saved. If you made many changes quickly, wait a minute before the next.',
};

/** The stock rule (44xx are final), and never after a refusal: a fresh document reconnects instead. */
function shouldReconnect(event: CloseEvent): boolean {
  if (event.code in REFUSALS) return false;
  return !(event.code >= 4400 && event.code < 4500);
}

/** Marks transactions made by this browser, so undo covers only your own edits. */
const LOCAL = Symbol('local edit');

/**
 * One open calendar: its Yjs document bound to the server (y-websocket), to IndexedDB for
 * offline use, and to awareness for presence. Components read the `$state` fields.
 */
export class CalendarSession {
  events = $state<CalendarEvent[]>([]);
  /**
   * The stripboard, derived once per change for the calendar views and the board alike;
   * replaced with the document.
   */
  board = $state.raw<BoardState>(undefined as never);
  state = $state<ConnectionState>('connecting');
  /** Starts as the role at load; the server's closes change it (demoted, promoted). */
  readOnly = $state(false);
  /** What did not reach the shared document: refused changes, outvoted offline edits. */
  readonly notices = new SyncNotices((id, patch) => this.update(id, patch));
  peers = $state<Peer[]>([]);
  /** Set when the server closed the connection for good (revoked, deleted). */
  closedReason = $state<string | null>(null);
  loadedLocally = $state(false);
  canUndo = $state(false);
  canRedo = $state(false);

  /** Replaced (never reset: Yjs cannot forget) when the server refused what it held. */
  doc = $state.raw(new Y.Doc());
  #provider!: WebsocketProvider;
  #storage!: IndexeddbPersistence;
  #undo!: Y.UndoManager;
  #unsaved = false;
  #savedTimer: ReturnType<typeof setTimeout> | undefined;
  #cleanups: (() => void)[] = [];
  /** Fields this tab set while not connected, compared with the merge once it syncs. */
  #offlineEdits: OfflineEdit[] = [];
  #discarding = false;
  /** The board of the document opened last, shown once it is not a replacement still syncing. */
  #nextBoard!: BoardState;
  /** Whether the server asked this connection for its state, as it asks writers only. */
  #askedForState = false;

  constructor(
    readonly calendarId: string,
    readonly user: { id: string; name: string },
    readonly meta: { name: string; timezone: string },
    readOnly: boolean,
  ) {
    this.readOnly = readOnly;
    this.#open();
  }

  /** Binds `doc` to the server, to IndexedDB and to this session's state. */
  #open(): void {
    const { calendarId, meta } = this;
    // The open document, for console debugging and the end-to-end tests' forced writes.
    globalThis.callboardDocument = this.doc;
    this.#storage = new IndexeddbPersistence(offlineCopyName(calendarId), this.doc);
    this.#storage.once('synced', () => (this.loadedLocally = true));

    this.#provider = new WebsocketProvider(relayUrl(), calendarId, this.doc, {
      connect: navigator.onLine,
      // Same-tab sync across tabs would bypass the server's read-only rules for viewers.
      disableBc: true,
      shouldReconnect,
    });
    // The relay asks a writer for its state (sync step 1) before it answers the writer's own
    // step 1, and never asks a reader: so the first sync tells this connection's real role.
    const handleSync = this.#provider.messageHandlers[messageSync]!;
    this.#provider.messageHandlers[messageSync] = (encoder, decoder, ...rest) => {
      if (peekVarUint(decoder) === messageYjsSyncStep1) this.#askedForState = true;
      handleSync(encoder, decoder, ...rest);
    };
    // Strips, cast and settings too: a board move, a day deleted with its strips, a cast edit.
    const doc = this.doc;
    this.#undo = new Y.UndoManager(
      [eventsMap(doc), stripsMap(doc), castMap(doc), settingsMap(doc)],
      { trackedOrigins: new Set([LOCAL]) },
    );

    const refreshEvents = () => (this.events = readEvents(doc));
    const board = new BoardState(doc);
    eventsMap(doc).observeDeep(refreshEvents);
    eventsMap(doc).observeDeep(this.#recordOfflineEdits);
    this.#cleanups.push(() => {
      eventsMap(doc).unobserveDeep(refreshEvents);
      eventsMap(doc).unobserveDeep(this.#recordOfflineEdits);
      board.destroy();
    });
    // A replacement document is empty until it syncs: keep showing the last events meanwhile.
    this.#nextBoard = board;
    if (!this.#discarding) {
      refreshEvents();
      this.board = board;
    }

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
    // A final close (44xx) stops the provider only after its last status event.
    this.#provider.on('closed', () => this.#refreshState());
    this.#provider.on('sync', (synced: boolean) => {
      if (synced) this.#followRole(this.#askedForState);
      if (synced && !this.readOnly) {
        initialiseMeta(this.doc, meta);
        // After the first sync, so a document another editor already migrated is left alone.
        migrateDocument(this.doc);
      }
      if (synced) this.#tellOfflineConflicts();
      this.#refreshState();
    });
    this.#provider.on('connection-close', (event: CloseEvent | null) => {
      this.#askedForState = false;
      if (event) this.#closedBy(event);
    });

    const awareness = this.#provider.awareness;
    this.#announcePresence();
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

  #announcePresence(): void {
    const { user } = this;
    if (!this.readOnly) {
      this.#provider.awareness.setLocalState(
        presenceState({ id: user.id, name: user.name, color: presenceColor(user.id) }, null),
      );
    }
  }

  #closedBy(event: CloseEvent): void {
    if (event.code === CLOSE_CODES.roleChanged) {
      // Promoted: the provider reconnects as a writer.
      this.#followRole(true);
    } else if (event.code in REFUSALS) {
      this.#refused(event.code);
    } else if (event.code in CLOSE_REASONS) {
      this.closedReason = CLOSE_REASONS[event.code]!;
    }
  }

  /**
   * Takes the role the server gives this connection. A role changed while this tab was away
   * comes with no close: a demotion is then found at the sync, with the offline edits refused.
   */
  #followRole(canWrite: boolean): void {
    if (canWrite === !this.readOnly || this.#discarding) return;
    if (canWrite) {
      this.readOnly = false;
      this.notices.refusal = null;
      this.#announcePresence();
    } else {
      this.#refused(CLOSE_CODES.demotedToReader);
    }
  }

  #refused(code: number): void {
    if (code === CLOSE_CODES.demotedToReader) this.readOnly = true;
    this.notices.refusal = REFUSALS[code]!;
    void this.#discardRefused();
  }

  /**
   * Replaces the document and its IndexedDB copy with the server's state after a refusal,
   * telling the user what was lost: otherwise the provider would send the refused changes
   * again on the next sync as a writer (a promotion, a reload) over others' work.
   */
  async #discardRefused(): Promise<void> {
    if (this.#discarding) return;
    this.#discarding = true;
    const refused = this.doc;
    this.#close();
    this.#offlineEdits = [];
    // Deleted before the new copy opens: IndexedDB runs requests on one database in order.
    clearDocument(offlineCopyName(this.calendarId)).catch((error: unknown) =>
      console.error('The offline copy could not be deleted', error),
    );
    this.doc = new Y.Doc();
    this.#open();
    const server = this.#provider;
    await new Promise<void>((resolve) => {
      const synced = (isSynced: boolean) => {
        if (!isSynced) return;
        server.off('sync', synced);
        resolve();
      };
      server.on('sync', synced);
    });
    this.#discarding = false;
    this.notices.unsaved = [...this.notices.unsaved, ...findUnsavedEdits(this.doc, refused)];
    this.events = readEvents(this.doc);
    this.board = this.#nextBoard;
    refused.destroy();
    // Promoted again while this ran: the fresh connection says so.
    this.#followRole(this.#askedForState);
  }

  /** Remembers each field this tab sets while not connected, for the merge to be checked. */
  readonly #recordOfflineEdits = (
    events: Y.YEvent<Y.AbstractType<unknown>>[],
    tx: Y.Transaction,
  ) => {
    if (!tx.local || (this.#provider.wsconnected && this.#provider.synced)) return;
    const map = eventsMap(this.doc);
    for (const event of events) {
      const [eventId, field] = event.path as string[];
      if (eventId === undefined) {
        // Events this tab deleted cannot conflict; forget them.
        for (const [key, change] of event.changes.keys) {
          if (change.action === 'delete')
            this.#offlineEdits = this.#offlineEdits.filter((edit) => edit.eventId !== key);
        }
        continue;
      }
      const entry = map.get(eventId);
      if (!(entry instanceof Y.Map)) continue;
      const current = readEvent(eventId, entry);
      const fields = field === undefined ? [...event.changes.keys.keys()] : [field];
      for (const key of fields) {
        if (!(EVENT_FIELDS as readonly string[]).includes(key)) continue;
        const name = key as (typeof EVENT_FIELDS)[number];
        this.#offlineEdits = recordOfflineEdit(this.#offlineEdits, {
          eventId,
          field: name,
          value: current[name],
          title: current.title,
          at: Date.now(),
        });
      }
    }
  };

  #tellOfflineConflicts(): void {
    if (this.#offlineEdits.length === 0) return;
    const conflicts = findOfflineConflicts(this.#offlineEdits, readEvents(this.doc));
    this.#offlineEdits = [];
    this.notices.addConflicts(conflicts);
  }

  /** Unbinds `doc` from the server, IndexedDB and this session. */
  #close(): void {
    clearTimeout(this.#savedTimer);
    for (const cleanup of this.#cleanups) cleanup();
    this.#cleanups = [];
    this.#undo.destroy();
    this.canUndo = this.canRedo = false;
    this.#provider.awareness.setLocalState(null);
    this.#provider.destroy();
    void this.#storage.destroy();
  }

  #readPeers(): Peer[] {
    const peers: Peer[] = [];
    this.#provider.awareness.getStates().forEach((state, clientId) => {
      const presence = readPresenceState(state);
      if (!presence) return;
      const { user, editing, cursor, strip } = presence;
      peers.push({
        clientId,
        userId: user.id,
        name: user.name,
        color: user.color ?? presenceColor(user.id),
        editing,
        cursor: cursor ?? null,
        strip: strip ?? null,
      });
    });
    return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
  }

  /** The shoot days by event id, with their number in the unit and their strips' totals. */
  get shootDays(): Map<string, BoardDay> {
    return this.board.days;
  }

  /** Others (not this tab) who have an event open, by event id. */
  get editorsByEvent(): Map<string, Peer[]> {
    return this.#othersBy((peer) => peer.editing);
  }

  /** Others (not this tab) dragging or editing a strip, by strip id. */
  get peersByStrip(): Map<string, Peer[]> {
    return this.#othersBy((peer) => peer.strip?.id ?? null);
  }

  #othersBy(key: (peer: Peer) => string | null): Map<string, Peer[]> {
    const map = new Map<string, Peer[]>();
    const self = this.#provider.awareness.clientID;
    for (const peer of this.peers) {
      const id = key(peer);
      if (peer.clientId === self || !id) continue;
      map.set(id, [...(map.get(id) ?? []), peer]);
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
    const local = readPresenceState(this.#provider.awareness.getLocalState());
    if (!local) return;
    this.#setPresence(presenceState(local.user, local.editing, cursor, local.strip ?? null));
  }

  /** Shows others the strip this tab drags or has open in the strip editor; null for none. */
  setStripFocus(strip: PresenceStrip | null): void {
    if (this.readOnly) return;
    const local = readPresenceState(this.#provider.awareness.getLocalState());
    if (!local) return;
    this.#setPresence(presenceState(local.user, local.editing, local.cursor ?? null, strip));
  }

  #setPresence(next: PresenceState): void {
    const awareness = this.#provider.awareness;
    if (JSON.stringify(next) !== JSON.stringify(awareness.getLocalState()))
      awareness.setLocalState(next);
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

  /**
   * Runs a change as an undo step of its own, never merged with the edits just before or
   * after it (Yjs merges a user's edits within half a second): a move of strips, a new day.
   */
  editStep<T>(change: () => T): T {
    let result!: T;
    this.#undo.stopCapturing();
    this.doc.transact(() => (result = change()), LOCAL);
    this.#undo.stopCapturing();
    return result;
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
    this.#close();
    this.doc.destroy();
  }
}
