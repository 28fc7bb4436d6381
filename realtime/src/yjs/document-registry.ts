import type { Logger } from '@callboard/platform';
import { SchemaDoc, type DecodedUpdate } from '@callboard/domain';
import { CalendarLogCursor, loadCalendarDocument, type CalendarCatchUpRow } from '@callboard/db';
import type { Sql } from 'postgres';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AwarenessBatch } from './awareness-batch.js';
import { admitFanOutAwareness, encodeFanOutAwareness } from './awareness-guard.js';
import {
  changedAnything,
  DocumentChange,
  type ChangeEncoding,
  encodeSince,
  isEntirelyNew,
  pendingChanged,
  pendingMarker,
} from './document-change.js';
import type { DocumentFanOut } from './document-fan-out.js';
import { PacedBroadcast, RENEWAL_PACING } from './paced-broadcast.js';
import type { RelayMetrics } from './relay-metrics.js';
import type { UpdatePersistence } from './update-persistence.js';
import { encodeAwarenessStates, encodeUpdate } from './yjs-protocol.js';
import type { WireFrame } from './wire-frame.js';

/** A local connection as the document sees it: somewhere to send frames. */
export interface DocumentClient {
  send(frame: WireFrame): void;
  /** The account behind the connection; null for a public link. */
  readonly userId: string | null;
}

/** Transaction origins of changes that came from other instances; they are not re-published. */
export type RemoteOrigin = 'fan-out' | 'catch-up' | 'load';
const REMOTE_ORIGINS = new Set<unknown>(['fan-out', 'catch-up', 'load']);

/** How long a load waits for its bus subscription before reading Postgres regardless. */
const SUBSCRIBE_WAIT_MS = 1000;

/** One calendar held in memory with its local clients and its position in the Postgres log. */
export class LoadedDocument {
  /** Its roots are maps as updates bring them: see SchemaDoc. */
  readonly doc = new SchemaDoc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly clients = new Set<DocumentClient>();
  /** Which local connection announced each awareness client id whose state it holds now. */
  readonly awarenessOwners = new Map<number, DocumentClient>();
  /**
   * The user who owns each awareness client id, announced here or on another instance. Kept
   * while the document is loaded, as Yjs keeps each id's clock, so a departed user's id
   * cannot be taken over by someone else before their tab reconnects with it.
   */
  readonly awarenessUsers = new Map<number, string>();
  /** Read-only viewers connected here; their awareness is not relayed, only counted. */
  readOnlyClients = 0;
  /** How far this copy has read the Postgres log. */
  readonly log = new CalendarLogCursor();
  /** Counts the document's changes, so a failed apply can tell whether it changed it. */
  updatesEmitted = 0;
  /**
   * The sum of the sizes of every update applied: an upper bound of the encoded size, which the
   * update guard measures before refusing an update for it.
   */
  encodedBytes = 0;
  /**
   * Sync frames at the current version, shared by every client that joins before the next
   * update: a crowd opening one schedule costs one encoding. Keyed by the client's state
   * vector (`1` for the server's own step 1).
   */
  readonly syncFrames = new Map<string, WireFrame>();
  unloadTimer: NodeJS.Timeout | null = null;
  /** Awareness changes waiting to be relayed; set when the registry wires the document. */
  awarenessBatch: AwarenessBatch | null = null;
  /** Delivers presence renewals to a crowd a slice at a time. */
  readonly renewalBroadcast = new PacedBroadcast(RENEWAL_PACING);
  unsubscribe: () => Promise<void> = async () => undefined;

  /**
   * Told of every change to the document as its transaction ends (Yjs computes a transaction's
   * events only then); set by the registry.
   */
  onChange: (change: DocumentChange) => void = () => undefined;
  /** The apply() in progress: how its change is to be encoded. */
  #applying: {
    updates: readonly Uint8Array[];
    beforeVector: Uint8Array | null;
    pendingBefore: readonly [unknown, unknown];
    encoding: ChangeEncoding;
  } | null = null;

  constructor(readonly calendarId: string) {
    // The server holds no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      const applying = this.#applying;
      this.#applying = null;
      if (
        !changedAnything(transaction) &&
        !(applying && pendingChanged(applying.pendingBefore, pendingMarker(this.doc)))
      )
        return;
      // A change made without apply() is encoded from the document.
      const encoding = applying?.encoding ?? 'document';
      const encode =
        encoding === 'as-received'
          ? () => applying!.updates[0]!
          : encoding === 'diff'
            ? () => {
                const { updates } = applying!;
                const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates([...updates]);
                return Y.diffUpdate(merged, applying!.beforeVector!);
              }
            : () => encodeSince(this.doc, transaction.beforeState);
      this.#emit(new DocumentChange(transaction.origin, transaction, encode));
    });
  }

  /**
   * Applies `updates` in one transaction, which onChange hears of. With `decoded` (the single
   * update's structs) and nothing of it known yet, the update is relayed and logged as it came;
   * otherwise only what the document lacked is, cut from the updates when first needed.
   */
  apply(updates: readonly Uint8Array[], origin: unknown, decoded?: DecodedUpdate): void {
    const asReceived =
      updates.length === 1 && decoded !== undefined && isEntirelyNew(this.doc, decoded);
    const applying = {
      updates,
      beforeVector: asReceived ? null : Y.encodeStateVector(this.doc),
      pendingBefore: pendingMarker(this.doc),
      // Until every update is in: part of one that failed midway is said exactly, from the doc.
      encoding: 'document' as ChangeEncoding,
    };
    for (const update of updates) this.encodedBytes += update.byteLength;
    // Inside another transaction this one ends with it, and is encoded from the document.
    if (!this.doc._transaction) this.#applying = applying;
    try {
      this.doc.transact(() => {
        let trailing = false;
        for (const update of updates) {
          const decoder = decoding.createDecoder(update);
          Y.readUpdate(decoder, this.doc, origin);
          // Yjs ignores bytes after the delete set; they are not passed on to anyone.
          if (decoding.hasContent(decoder)) trailing = true;
        }
        applying.encoding = !asReceived ? 'diff' : trailing ? 'document' : 'as-received';
      }, origin);
    } finally {
      this.#applying = null;
    }
  }

  /**
   * Applies what was read from the log (at load or catch-up), a snapshot first if there is one,
   * in one transaction, and moves the watermark. Returns the rows applied.
   */
  applyLogRows(
    rows: CalendarCatchUpRow[],
    origin: RemoteOrigin,
    snapshot: { state: Uint8Array; throughSeq: bigint } | null = null,
  ): number {
    // Rows the snapshot folded in are skipped; the cursor moves only once all is applied, so a
    // snapshot or row that fails to apply is read again by the next pass.
    const fresh = this.log.unread(rows).filter((row) => !snapshot || row.seq > snapshot.throughSeq);
    const updates = fresh.map((row) => row.update);
    if (snapshot) updates.unshift(snapshot.state);
    if (updates.length > 0) this.apply(updates, origin);
    if (snapshot) this.log.passSnapshot(snapshot.throughSeq);
    this.log.advance(rows);
    return fresh.length;
  }

  #emit(change: DocumentChange): void {
    this.updatesEmitted += 1;
    this.syncFrames.clear();
    this.onChange(change);
  }
}

export interface DocumentRegistryOptions {
  sql: Sql;
  persistence: UpdatePersistence;
  fanOut: DocumentFanOut;
  metrics: RelayMetrics;
  logger: Logger;
  /** Idle time after the last client leaves before the document is persisted and dropped. */
  unloadAfterMs: number;
  /** Window over which awareness changes are gathered into one relayed frame; 0 relays each. */
  awarenessBatchMs: number;
  /** How long presence renewals may wait to be relayed together; 0 relays them as changes. */
  awarenessRenewalMs: number;
  /** Called after each transaction a local client's update caused, with that client. */
  onLocalTransaction?(
    client: DocumentClient,
    transaction: Y.Transaction,
    loaded: LoadedDocument,
  ): void;
}

/**
 * Loads calendar documents (snapshot + log), keeps each loaded while clients use it, relays
 * its changes to local clients, hands local writes to persistence and fan-out, and unloads it
 * once idle and persisted.
 */
export class DocumentRegistry {
  readonly #options: DocumentRegistryOptions;
  readonly #loaded = new Map<string, LoadedDocument>();
  readonly #loading = new Map<string, Promise<LoadedDocument>>();
  readonly #unloading = new Map<string, Promise<void>>();
  readonly #countForeignAwareness = () => this.#options.metrics.foreignAwarenessDropped.inc();

  constructor(options: DocumentRegistryOptions) {
    this.#options = options;
  }

  get(calendarId: string): LoadedDocument | undefined {
    return this.#loaded.get(calendarId);
  }

  loadedDocuments(): LoadedDocument[] {
    return [...this.#loaded.values()];
  }

  /** Adds a client to the calendar's document, loading it first if needed. */
  async join(
    calendarId: string,
    client: DocumentClient,
    readOnly: boolean,
  ): Promise<LoadedDocument> {
    await this.#unloading.get(calendarId);
    const loaded = this.#loaded.get(calendarId) ?? (await this.#load(calendarId));
    if (loaded.unloadTimer) clearTimeout(loaded.unloadTimer);
    loaded.unloadTimer = null;
    loaded.clients.add(client);
    if (readOnly) loaded.readOnlyClients += 1;
    return loaded;
  }

  leave(loaded: LoadedDocument, client: DocumentClient, readOnly: boolean): void {
    if (!loaded.clients.delete(client)) return;
    if (readOnly) loaded.readOnlyClients -= 1;
    // The states it announced go with it. Found by a scan of the document's owners rather
    // than kept per client: a set for every connection costs more than the rare scan.
    const announced: number[] = [];
    for (const [id, owner] of loaded.awarenessOwners) if (owner === client) announced.push(id);
    if (announced.length > 0)
      awarenessProtocol.removeAwarenessStates(loaded.awareness, announced, null);
    if (loaded.clients.size === 0) this.#scheduleUnload(loaded, this.#options.unloadAfterMs);
  }

  /** Persists and drops every document (shutdown). */
  async unloadAll(): Promise<void> {
    await Promise.all([...this.#loaded.values()].map((loaded) => this.#unload(loaded)));
  }

  #load(calendarId: string): Promise<LoadedDocument> {
    const existing = this.#loading.get(calendarId);
    if (existing) return existing;
    const loading = (async () => {
      const loaded = new LoadedDocument(calendarId);
      this.#wire(loaded);
      // Subscribe before reading Postgres, so nothing published in between is missed (Yjs
      // holds early updates as pending). While the bus is down the subscription waits for it;
      // the document loads anyway after a short wait and catch-up covers the gap.
      const subscription = this.#options.fanOut.subscribe(calendarId, (kind, payload) => {
        this.#applyRemote(loaded, kind, payload);
      });
      loaded.unsubscribe = () =>
        subscription.then(
          (unsubscribe) => unsubscribe(),
          () => undefined,
        );
      await Promise.race([
        subscription.catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_WAIT_MS).unref()),
      ]);
      try {
        const stored = await loadCalendarDocument(this.#options.sql, calendarId);
        // One transaction, which nothing encodes: no client has joined yet.
        loaded.applyLogRows(stored.updates, 'load', stored.snapshot);
        this.#options.persistence.noteLoggedRows(calendarId, stored.updates.length);
      } catch (error) {
        await loaded.unsubscribe();
        loaded.doc.destroy();
        throw error;
      }
      this.#loaded.set(calendarId, loaded);
      this.#options.metrics.documentsLoaded.set(this.#loaded.size);
      return loaded;
    })();
    this.#loading.set(calendarId, loading);
    return loading.finally(() => this.#loading.delete(calendarId));
  }

  #wire(loaded: LoadedDocument): void {
    const { metrics, persistence, fanOut } = this.#options;
    // Relaying comes first: everything else a change causes happens after every local client
    // has been sent it.
    loaded.onChange = (change) => {
      const { origin } = change;
      let frame: WireFrame | null = null;
      let relayed = 0;
      for (const client of loaded.clients) {
        // The writer already has its own change.
        if (client === origin) continue;
        frame ??= encodeUpdate(change.update);
        client.send(frame);
        relayed += 1;
      }
      metrics.tally.relayed += relayed;
      if (REMOTE_ORIGINS.has(origin)) return;
      persistence.enqueue(loaded.calendarId, change.update);
      fanOut.publish(loaded.calendarId, 'update', change.update);
      const client = origin as DocumentClient;
      const { transaction } = change;
      if (!loaded.clients.has(client) || transaction.changed.size === 0) return;
      try {
        this.#options.onLocalTransaction?.(client, transaction, loaded);
      } catch (error) {
        this.#options.logger.error(
          { err: error, calendarId: loaded.calendarId },
          'yjs: update listener failed',
        );
      }
    };
    const { logger } = this.#options;
    // Timers send presence, where a throw would end the process: presence is worth a log line.
    const relayAwareness = (what: string, send: () => void) => {
      try {
        send();
      } catch (error) {
        logger.error({ err: error, calendarId: loaded.calendarId }, `yjs: ${what} not relayed`);
      }
    };
    const awarenessBatch = new AwarenessBatch({
      windowMs: this.#options.awarenessBatchMs,
      renewalWindowMs: this.#options.awarenessRenewalMs,
      flush: (changed, published) =>
        relayAwareness('awareness', () => {
          if (changed.length > 0) {
            const frame = encodeAwarenessStates(loaded.awareness, changed);
            for (const client of loaded.clients) client.send(frame);
          }
          if (published.length > 0) {
            fanOut.publish(
              loaded.calendarId,
              'awareness',
              encodeFanOutAwareness(loaded, published),
            );
          }
        }),
      flushRenewals: (renewed) => {
        // A state that changed or left meanwhile went out with the change, under a later clock.
        const current = renewed.filter((id) => loaded.awareness.getStates().has(id));
        if (current.length === 0) return;
        const frame = encodeAwarenessStates(loaded.awareness, current);
        loaded.renewalBroadcast.send([...loaded.clients], (client) =>
          relayAwareness('awareness renewal', () => {
            if (loaded.clients.has(client)) client.send(frame);
          }),
        );
      },
    });
    loaded.awarenessBatch = awarenessBatch;
    // Yjs's awareness emits 'change' (states that differ) just before 'update' (every state
    // received, renewals included); what 'update' has beyond 'change' are renewals.
    let lastChange = new Set<number>();
    loaded.awareness.on(
      'change',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        lastChange = new Set([...added, ...updated, ...removed]);
      },
    );
    loaded.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        const controller = loaded.clients.has(origin as DocumentClient)
          ? (origin as DocumentClient)
          : null;
        if (controller) {
          for (const id of [...added, ...updated]) loaded.awarenessOwners.set(id, controller);
        } else if (origin === 'fan-out') {
          // The same user's tab moved to another instance: its old connection here lets go.
          for (const id of [...added, ...updated]) loaded.awarenessOwners.delete(id);
        }
        for (const id of removed) loaded.awarenessOwners.delete(id);
        const publish = !REMOTE_ORIGINS.has(origin);
        const changed = [...added, ...removed, ...updated.filter((id) => lastChange.has(id))];
        const renewed = updated.filter((id) => !lastChange.has(id));
        lastChange = new Set();
        if (changed.length > 0) awarenessBatch.add(changed, publish);
        if (renewed.length > 0) awarenessBatch.renew(renewed, publish);
      },
    );
  }

  #applyRemote(loaded: LoadedDocument, kind: 'update' | 'awareness', payload: Uint8Array): void {
    try {
      if (kind === 'update') {
        loaded.apply([payload], 'fan-out');
        this.#options.metrics.updatesReceived.inc({ source: 'fan-out' });
      } else {
        const update = admitFanOutAwareness(loaded, payload, this.#countForeignAwareness);
        if (update) awarenessProtocol.applyAwarenessUpdate(loaded.awareness, update, 'fan-out');
      }
    } catch (error) {
      this.#options.logger.warn(
        { err: error, calendarId: loaded.calendarId },
        'yjs fan-out: message not applied',
      );
    }
  }

  #scheduleUnload(loaded: LoadedDocument, delayMs: number): void {
    if (loaded.unloadTimer) clearTimeout(loaded.unloadTimer);
    loaded.unloadTimer = setTimeout(() => {
      loaded.unloadTimer = null;
      if (loaded.clients.size > 0) return;
      this.#unload(loaded).catch((error: unknown) => {
        this.#options.logger.warn(
          { err: error, calendarId: loaded.calendarId },
          'yjs: unload postponed',
        );
        this.#scheduleUnload(loaded, this.#options.unloadAfterMs);
      });
    }, delayMs);
    loaded.unloadTimer.unref();
  }

  #unload(loaded: LoadedDocument): Promise<void> {
    const running = this.#unloading.get(loaded.calendarId);
    if (running) return running;
    const unloading = (async () => {
      if (loaded.unloadTimer) clearTimeout(loaded.unloadTimer);
      // Persist first: a document is never dropped with writes that exist only in memory.
      await this.#options.persistence.flush();
      await this.#options.persistence.compact(loaded.calendarId);
      if (loaded.clients.size > 0) return;
      this.#loaded.delete(loaded.calendarId);
      this.#options.metrics.documentsLoaded.set(this.#loaded.size);
      await loaded.unsubscribe();
      loaded.awarenessBatch?.cancel();
      loaded.renewalBroadcast.cancel();
      loaded.awareness.destroy();
      loaded.doc.destroy();
    })();
    this.#unloading.set(loaded.calendarId, unloading);
    return unloading.finally(() => this.#unloading.delete(loaded.calendarId));
  }
}
