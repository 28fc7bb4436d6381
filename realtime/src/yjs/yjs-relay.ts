import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  DOCUMENT_LOG_CHANNEL,
  errorBody,
  originPolicy,
  parseDocumentLogEvent,
  ServiceUnavailableError,
  type Logger,
  type Platform,
} from '@callboard/platform';
import { WebSocketServer } from 'ws';
import type * as Y from 'yjs';
import { AccessGuard } from '../access/access-guard.js';
import { connectionSessionExpiries } from '../access/session-expiry.js';
import type { RealtimeConfig } from '../config/realtime.config.js';
import { UserConnectionCounter } from './connection-limits.js';
import { DocumentCatchUp } from './document-catch-up.js';
import { DocumentFanOut } from './document-fan-out.js';
import { DocumentRegistry, type LoadedDocument } from './document-registry.js';
import { createRelayMetrics } from './relay-metrics.js';
import type { RealtimeDependencies } from './relay-dependencies.js';
import type { ConnectionUser } from './yjs-connection-context.js';
import {
  createUpgradeAuthoriser,
  refusal,
  YJS_PATH_PREFIX,
  type UpgradeRefusal,
} from './upgrade-authoriser.js';
import { CLOSE_CODES, YjsConnection, type YjsConnectionOptions } from './yjs-connection.js';
import { guardYjsConnection } from './yjs-connection-guard.js';
import { UpdatePersistence } from './update-persistence.js';
import { UserUpdateBudget } from './update-guard.js';

/** One update a local writer made, as applied to the server's document. */
export interface AppliedUpdate {
  calendarId: string;
  projectId: string;
  /** The writer; null only for connections without an account (never writers today). */
  user: ConnectionUser | null;
  doc: Y.Doc;
  /** The Yjs transaction: `changed` and `changedParentTypes` say what the update touched. */
  transaction: Y.Transaction;
}

/** The /yjs relay: the y-websocket endpoint with authorisation, persistence and fan-out. */
export interface YjsRelay {
  /** Takes an upgrade for /yjs/*; returns false for paths it does not own. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Subscribes to account events and starts the timers; call once before serving. */
  start(): Promise<void>;
  /** Stops accepting, closes sockets with 1001, writes every pending update. */
  close(): Promise<void>;
  /** Unique id of this instance on the bus. */
  readonly instanceId: string;
  /** Test hook: while it returns true, this instance's fan-out messages are dropped. */
  setFanOutDrop(drop: () => boolean): void;
  /** Runs one catch-up pass now (tests, and after a bus reconnect). */
  catchUp(): Promise<void>;
  /**
   * Calls `listener` synchronously after each update a writer connected to this instance
   * made (never for updates from other instances, so each change is reported once across the
   * install). Returns a function that removes the listener.
   */
  onUpdateApplied(listener: (applied: AppliedUpdate) => void): () => void;
  /**
   * Who has the calendar open on this instance, as counts only: read-only viewers are never
   * named to anyone. Null when the document is not loaded here.
   */
  audience(calendarId: string): { writers: number; readOnly: number } | null;
}

/** Shutdown budget for writing pending updates, then for compacting, within the 10 s exit. */
const SHUTDOWN_FLUSH_MS = 3000;
const SHUTDOWN_COMPACT_MS = 1000;

/** Shared by every upgrading socket, so listening costs no closure per connection. */
function destroySocket(this: Duplex): void {
  this.destroy();
}

/** Waits for `work` at most `ms`; a failure is logged, since shutdown goes on regardless. */
function withDeadline(
  work: Promise<unknown>,
  ms: number,
  logger: Logger,
  what: string,
): Promise<unknown> {
  const settled = work.catch((error: unknown) =>
    logger.error({ err: error }, `yjs: ${what} failed`),
  );
  return Promise.race([settled, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}

/** Wires the parts of the relay together; each part has one job and its own test. */
export function createYjsRelay(
  platform: Platform,
  config: RealtimeConfig,
  deps: RealtimeDependencies,
): YjsRelay {
  const logger = platform.logger.child({ component: 'yjs' });
  const sql = platform.database.sql;
  const instanceId = randomUUID();
  const metrics = createRelayMetrics(platform.metrics);
  const connections = new Set<YjsConnection>();
  const updateListeners = new Set<(applied: AppliedUpdate) => void>();
  const perUser = new UserConnectionCounter(config.REALTIME_MAX_CONNECTIONS_PER_USER);
  const fanOut = new DocumentFanOut({ bus: platform.bus, instanceId, logger, metrics });
  const updateBudget = new UserUpdateBudget();
  const persistence = new UpdatePersistence({
    sql,
    logger,
    metrics,
    intervalMs: config.REALTIME_PERSIST_INTERVAL_MS,
    compactAfterUpdates: config.REALTIME_COMPACT_AFTER_UPDATES,
    onPersisted: (calendarId, seq) => registry.get(calendarId)?.log.applied.add(seq),
    openDocument: (calendarId): LoadedDocument | undefined => registry.get(calendarId),
  });
  const registry = new DocumentRegistry({
    sql,
    persistence,
    fanOut,
    metrics,
    logger,
    unloadAfterMs: config.REALTIME_UNLOAD_AFTER_MS,
    awarenessBatchMs: config.REALTIME_AWARENESS_BATCH_MS,
    awarenessRenewalMs: config.REALTIME_AWARENESS_RENEWAL_MS,
    onLocalTransaction(client, transaction, loaded) {
      if (!(client instanceof YjsConnection)) return;
      const { projectId, user } = client.context;
      const applied = {
        calendarId: loaded.calendarId,
        projectId,
        user,
        doc: loaded.doc,
        transaction,
      };
      for (const listener of updateListeners) listener(applied);
    },
  });
  const catchUp = new DocumentCatchUp({
    sql,
    registry,
    metrics,
    logger,
    intervalMs: config.REALTIME_CATCH_UP_INTERVAL_MS,
  });
  const authoriser = createUpgradeAuthoriser(deps, {
    reserveConnection: (userId) => perUser.reserve(userId),
    logger,
    originPolicy: originPolicy(platform.config),
  });
  // `connections` tracks them: ws's own set would hold a second entry and listener for each.
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: config.REALTIME_MAX_FRAME_BYTES,
  });
  const sessionExpiries = connectionSessionExpiries(guardYjsConnection, deps, logger);
  const connectionOptions: YjsConnectionOptions = {
    registry,
    metrics,
    logger,
    messagesPerSecond: config.REALTIME_MESSAGES_PER_SECOND,
    messageBurst: config.REALTIME_MESSAGE_BURST,
    maxThrottledMessages: config.REALTIME_MESSAGE_BURST * 10,
    throttleDelayMs: Math.max(1, Math.ceil(1000 / config.REALTIME_MESSAGES_PER_SECOND)),
    maxBufferedBytes: config.REALTIME_MAX_BUFFERED_BYTES,
    updateBudget,
    onClosed(connection) {
      sessionExpiries.unwatch(connection);
      connections.delete(connection);
    },
  };
  const guard = new AccessGuard({
    deps,
    logger,
    recheckMs: config.REALTIME_ACCESS_RECHECK_MS,
    *connections() {
      for (const connection of connections) yield guardYjsConnection(connection);
    },
  });
  let closing = false;
  let logEvents: Promise<() => Promise<void>> | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  function refuse(socket: Duplex, refused: UpgradeRefusal): void {
    if (socket.destroyed) return;
    const body = JSON.stringify(errorBody(refused.code, refused.reason));
    const headers = Object.entries(refused.headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.end(
      `HTTP/1.1 ${refused.status} ${STATUS_CODES[refused.status]}\r\nConnection: close\r\n` +
        `Content-Type: application/json\r\n${headers.join('')}` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // Until ws takes the socket over (and on a refused one), an error just destroys it.
    socket.on('error', destroySocket);
    const decision = await authoriser.authorise(request);
    if (!decision.accepted) return refuse(socket, decision);
    const { context, sessionExpiresAt, slot } = decision;
    if (closing || socket.destroyed) {
      slot.release();
      return refuse(socket, refusal(new ServiceUnavailableError('The server is shutting down.')));
    }
    const handshake = { socket, slot };
    let accepted = false;
    try {
      wss.handleUpgrade(request, socket, head, (ws) => {
        accepted = true;
        // Taken off only now that ws listens too: deleting an event's only listener would
        // leave the socket's listener table a dictionary, some 100 bytes more per connection.
        socket.off('error', destroySocket);
        // The connection gives the slot back once its socket has closed, however it closes.
        const connection = new YjsConnection(ws, context, connectionOptions, handshake);
        connections.add(connection);
        sessionExpiries.watch(connection, sessionExpiresAt);
        connection.start().catch((error: unknown) => {
          logger.error(
            { err: error, calendarId: context.calendarId },
            'yjs: document could not be loaded',
          );
          connection.close(CLOSE_CODES.internalError, 'document unavailable', 'load-failed');
        });
      });
    } finally {
      // ws answers a handshake it refuses (and destroys the socket) at once, without calling
      // back (no verifyClient is set, so it never decides later).
      if (!accepted) slot.release();
    }
  }

  return {
    instanceId,
    handleUpgrade(request, socket, head) {
      if (!request.url?.startsWith(YJS_PATH_PREFIX)) return false;
      void upgrade(request, socket, head).catch((error: unknown) => {
        logger.error({ err: error }, 'yjs: upgrade failed');
        refuse(socket, refusal(new ServiceUnavailableError('The upgrade failed.')));
      });
      return true;
    },
    async start() {
      // Whatever was published while the bus was away is lost: catch up (the guard re-checks).
      platform.bus.onReconnect(() => void catchUp.run());
      catchUp.start();
      heartbeat = setInterval(() => {
        for (const connection of connections) connection.heartbeat();
      }, config.REALTIME_HEARTBEAT_MS);
      heartbeat.unref();
      guard.start();
      // Another process (the API restoring a version) wrote to a log: read it now.
      logEvents = platform.bus.subscribe(DOCUMENT_LOG_CHANNEL, (message) => {
        const event = parseDocumentLogEvent(message);
        if (event && registry.get(event.calendarId)) void catchUp.runAfterNow();
      });
      // Without it a restore still arrives, at the next catch-up pass.
      logEvents.catch((error: unknown) =>
        logger.warn({ err: error }, 'yjs: document-log events unavailable; catch-up covers them'),
      );
    },
    async close() {
      closing = true;
      if (heartbeat) clearInterval(heartbeat);
      guard.stop();
      sessionExpiries.stop();
      catchUp.stop();
      // Not awaited: with Redis down the unsubscribe would wait for it; the bus closes anyway.
      void logEvents?.then((unsubscribe) => unsubscribe()).catch(() => undefined);
      for (const connection of connections) {
        connection.close(CLOSE_CODES.goingAway, 'server shutting down', 'shutdown');
      }
      wss.close();
      // The process must exit within 10 s even with Postgres gone: writing pending updates
      // gets most of that; compacting on the way out is a nicety.
      await withDeadline(persistence.close(), SHUTDOWN_FLUSH_MS, logger, 'final write');
      await withDeadline(registry.unloadAll(), SHUTDOWN_COMPACT_MS, logger, 'final compaction');
    },
    setFanOutDrop(drop) {
      fanOut.dropOutgoing = drop;
    },
    catchUp: () => catchUp.run(),
    onUpdateApplied(listener) {
      updateListeners.add(listener);
      return () => updateListeners.delete(listener);
    },
    audience(calendarId) {
      const loaded = registry.get(calendarId);
      if (!loaded) return null;
      return {
        writers: loaded.clients.size - loaded.readOnlyClients,
        readOnly: loaded.readOnlyClients,
      };
    },
  };
}
