import type { Logger } from '@callboard/platform';
import { CLOSE_CODES, type DecodedUpdate } from '@callboard/domain';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { PresenceGuard, PresenceLimitError } from './awareness-guard.js';
import { TokenBucket, type ConnectionSlot } from './connection-limits.js';
import type { DocumentClient, DocumentRegistry, LoadedDocument } from './document-registry.js';
import type { RelayMetrics } from './relay-metrics.js';
import { UpdateGuard, type UpdateAdmission, type UserUpdateBudget } from './update-guard.js';
import type { YjsConnectionContext } from './yjs-connection-context.js';
import { WireFrameWriter, type WireFrame } from './wire-frame.js';
import {
  decodeClientMessage,
  encodeAwarenessStates,
  encodeSyncStep1,
  encodeSyncStep2,
  ProtocolError,
} from './yjs-protocol.js';

export { CLOSE_CODES };

/** What every /yjs connection of this instance shares: one object, not one per connection. */
export interface YjsConnectionOptions {
  registry: DocumentRegistry;
  metrics: RelayMetrics;
  logger: Logger;
  /** Each connection's message budget: this many a second on average, `messageBurst` at once. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Frames held while throttled before the connection is closed with 1008. */
  maxThrottledMessages: number;
  /** How long a throttled connection waits before trying its budget again. */
  throttleDelayMs: number;
  /** Bytes queued for this client past which it is dropped. */
  maxBufferedBytes: number;
  /** This instance's per-user budget of update bytes, shared by the user's connections. */
  updateBudget: UserUpdateBudget;
  /** Told once when a connection's socket has closed, however it closed. */
  onClosed(connection: YjsConnection): void;
}

/** What a connection takes over from its upgrade. */
export interface YjsHandshake {
  /** The upgraded socket ws was given, which frames shared by many clients are written to. */
  socket: Duplex;
  /** The user's connection slot, given back once the socket has closed. */
  slot: ConnectionSlot;
}

/** Sync frames kept per document version; new joiners all ask with the same empty vector. */
const MAX_SHARED_SYNC_FRAMES = 16;

function connectionKind(context: YjsConnectionContext): 'writer' | 'reader' {
  return context.readOnly ? 'reader' : 'writer';
}

/**
 * The connection behind each ws, for the one set of ws listeners all connections share
 * (EventEmitter calls them with the ws as `this`): four closures and their context cost about
 * 250 bytes for every open connection.
 */
const connectionOf = new WeakMap<WebSocket, YjsConnection>();

/**
 * One /yjs websocket: speaks the y-websocket protocol for its calendar, applies a writer's
 * updates, drops a read-only connection's, and closes itself on anything malformed or past a
 * document limit.
 */
export class YjsConnection implements DocumentClient {
  readonly #socket: Duplex;
  /** What the client had sent at the last heartbeat (`bytesRead`); -1 before the first. */
  #bytesReadAtBeat = -1;
  #document: LoadedDocument | null = null;
  #queued: Uint8Array[] | null = [];
  /** Frames received over the rate limit, handled as the budget refills; null while none are. */
  #throttled: Uint8Array[] | null = null;
  #drainTimer: NodeJS.Timeout | null = null;
  #closed = false;
  /** Checks this connection's presence; made with its first awareness message. */
  #presence: PresenceGuard | null = null;
  /** Checks this connection's updates; made with its first one (viewers never send any). */
  #updates: UpdateGuard | null = null;
  readonly #writer: WireFrameWriter;
  readonly #rateLimit: TokenBucket;
  readonly #slot: ConnectionSlot;

  constructor(
    readonly ws: WebSocket,
    readonly context: YjsConnectionContext,
    private readonly options: YjsConnectionOptions,
    handshake: YjsHandshake,
  ) {
    this.#socket = handshake.socket;
    this.#slot = handshake.slot;
    this.#writer = new WireFrameWriter(ws, handshake.socket);
    this.#rateLimit = new TokenBucket(options.messagesPerSecond, options.messageBurst);
    options.metrics.connections.inc({ kind: connectionKind(context) });
    // Buffers as ws read them: an ArrayBuffer would be one more copy of every frame, and the
    // decoder copies each payload it keeps anyway.
    ws.binaryType = 'nodebuffer';
    connectionOf.set(ws, this);
    ws.on('message', YjsConnection.#onMessage);
    ws.on('error', YjsConnection.#onError);
    ws.on('close', YjsConnection.#onClose);
  }

  static #onMessage(this: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
    const connection = connectionOf.get(this);
    if (!connection) return;
    if (!isBinary)
      return connection.close(
        CLOSE_CODES.unsupportedData,
        'text frames are not part of the protocol',
        'malformed',
      );
    connection.#receive(data as Buffer);
  }

  static #onError(this: WebSocket, error: Error & { code?: string }): void {
    // ws has already answered with 1009 (oversized) or 1002/1007 (broken framing).
    const reason = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'oversized' : 'malformed';
    const connection = connectionOf.get(this);
    if (connection) connection.#log(reason, error.message);
  }

  static #onClose(this: WebSocket): void {
    const connection = connectionOf.get(this);
    if (!connection) return;
    connectionOf.delete(this);
    connection.#cleanUp();
    // Only now: a closing socket whose client never finishes the close handshake still counts.
    connection.#slot.release();
    connection.options.onClosed(connection);
  }

  get userId(): string {
    return this.context.user.id;
  }

  /**
   * One heartbeat: pings the client, or ends the connection when the client has sent nothing
   * since the last beat, not even the pong to its ping. Counted in bytes read rather than
   * with a pong listener, which every connection's ws would hold.
   */
  heartbeat(): void {
    const read = (this.#socket as Partial<Socket>).bytesRead ?? 0;
    if (read === this.#bytesReadAtBeat) return this.terminate('heartbeat');
    this.#bytesReadAtBeat = read;
    this.ws.ping();
  }

  /** Joins the calendar's document and opens the sync; messages that arrived meanwhile follow. */
  async start(): Promise<void> {
    const readOnly = this.context.readOnly;
    const document = await this.options.registry.join(this.context.calendarId, this, readOnly);
    if (this.#closed) return this.options.registry.leave(document, this, readOnly);
    this.#document = document;
    // Only writers get the server's step 1: it asks for their state, which a viewer may not send.
    if (!readOnly) this.send(this.#syncFrame(document, null));
    const states = [...document.awareness.getStates().keys()];
    if (states.length > 0) this.send(encodeAwarenessStates(document.awareness, states));
    const queued = this.#queued ?? [];
    this.#queued = null;
    for (const frame of queued) this.#handle(frame);
  }

  send(frame: WireFrame): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    // A client that stops reading would otherwise make the server hold every update for it.
    if (this.ws.bufferedAmount > this.options.maxBufferedBytes)
      return this.terminate('slow-consumer');
    this.#writer.write(frame);
  }

  close(code: number, reason: string, metricReason: string): void {
    if (this.#closed) return;
    this.#log(metricReason, reason);
    this.ws.close(code, reason);
    this.#cleanUp();
  }

  terminate(metricReason: string): void {
    if (this.#closed) return;
    this.#log(metricReason, 'terminated');
    this.ws.terminate();
    this.#cleanUp();
  }

  #receive(frame: Uint8Array): void {
    if (!this.#throttled && this.#rateLimit.take()) return this.#dispatch(frame);
    // Over the rate: stop reading the socket and hold what ws had already read, so a fast
    // client is slowed down rather than dropped; only a client that keeps pushing is closed.
    const throttled = (this.#throttled ??= []);
    if (throttled.length >= this.options.maxThrottledMessages) {
      return this.close(CLOSE_CODES.policyViolation, 'message rate limit exceeded', 'rate-limited');
    }
    throttled.push(frame);
    this.ws.pause();
    this.#drainThrottled();
  }

  #drainThrottled(): void {
    if (this.#drainTimer || this.#closed) return;
    this.#drainTimer = setTimeout(() => {
      this.#drainTimer = null;
      const throttled = this.#throttled;
      while (throttled && throttled.length > 0 && !this.#closed && this.#rateLimit.take()) {
        this.#dispatch(throttled.shift()!);
      }
      if (this.#closed) return;
      if (throttled && throttled.length > 0) return this.#drainThrottled();
      this.#throttled = null;
      this.ws.resume();
    }, this.options.throttleDelayMs);
  }

  #dispatch(frame: Uint8Array): void {
    if (this.#queued) this.#queued.push(frame);
    else this.#handle(frame);
  }

  #handle(frame: Uint8Array): void {
    const document = this.#document;
    if (!document || this.#closed) return;
    try {
      const message = decodeClientMessage(frame);
      switch (message.type) {
        case 'sync-step-1':
          this.send(this.#syncFrame(document, message.stateVector));
          break;
        case 'sync-step-2':
        case 'update':
          if (this.context.readOnly) {
            this.options.metrics.readOnlyWritesDropped.inc();
            break;
          }
          this.#applyUpdate(document, message.update, message.decoded);
          break;
        case 'awareness':
          this.#receiveAwareness(document, message.update);
          break;
        case 'query-awareness':
          this.send(
            encodeAwarenessStates(document.awareness, [...document.awareness.getStates().keys()]),
          );
          break;
      }
    } catch (error) {
      const reason =
        error instanceof ProtocolError
          ? error.message
          : `message rejected: ${(error as Error).message}`;
      this.close(CLOSE_CODES.unsupportedData, reason.slice(0, 120), 'malformed');
    }
  }

  /**
   * The server's step 1 (no state vector) or the answer to a client's step 1, shared by every
   * client that asks with the same state vector at the same document version.
   */
  #syncFrame(document: LoadedDocument, stateVector: Uint8Array | null): WireFrame {
    const step = stateVector ? 'step2' : 'step1';
    const key = stateVector ? `2:${Buffer.from(stateVector).toString('latin1')}` : '1';
    let frame = document.syncFrames.get(key);
    if (!frame) {
      frame = stateVector
        ? encodeSyncStep2(document.doc, stateVector)
        : encodeSyncStep1(document.doc);
      this.options.metrics.syncEncodings.inc({ step });
      // Clients that bring their own history each ask with a different vector: keep a few.
      if (document.syncFrames.size >= MAX_SHARED_SYNC_FRAMES) document.syncFrames.clear();
      document.syncFrames.set(key, frame);
    }
    this.options.metrics.syncAnswers.inc({ step });
    return frame;
  }

  #receiveAwareness(document: LoadedDocument, update: Uint8Array): void {
    const { user } = this.context;
    if (this.context.readOnly) {
      this.options.metrics.readOnlyAwarenessDropped.inc();
      return;
    }
    this.#presence ??= new PresenceGuard({
      user,
      onForeign: () => this.options.metrics.foreignAwarenessDropped.inc(),
    });
    let admitted: Uint8Array | null;
    try {
      admitted = this.#presence.admit(document, update);
    } catch (error) {
      if (!(error instanceof PresenceLimitError)) throw error;
      const reason = `presence limit exceeded: ${error.message}`;
      return this.close(CLOSE_CODES.policyViolation, reason, 'presence-limit');
    }
    if (admitted) awarenessProtocol.applyAwarenessUpdate(document.awareness, admitted, this);
  }

  /** Applies a writer's update once it passes the document limits; one past them closes. */
  #applyUpdate(document: LoadedDocument, received: Uint8Array, decoded: DecodedUpdate): void {
    const updates = (this.#updates ??= new UpdateGuard(this.userId, this.options.updateBudget));
    let admission: UpdateAdmission | null = updates.admit(document, received, decoded);
    while (admission && admission.action !== 'hold') {
      if (admission.action === 'refuse') {
        this.options.metrics.updatesRefused.inc({ limit: admission.limit });
        const reason = `document limit exceeded: ${admission.limit} at ${admission.path}`;
        return this.close(CLOSE_CODES.documentLimitExceeded, reason, 'document-limit');
      }
      // Only the update as received comes with its structs; a held one was merged since.
      this.#apply(document, admission.update, admission.update === received ? decoded : undefined);
      admission = updates.next(document);
    }
  }

  #apply(document: LoadedDocument, update: Uint8Array, decoded?: DecodedUpdate): void {
    const emittedBefore = document.updatesEmitted;
    try {
      document.apply([update], this, decoded);
      this.options.metrics.tally.clientUpdates += 1;
    } catch (error) {
      // The update decoded, so this is not expected; say loudly if the document moved anyway.
      const changed = document.updatesEmitted !== emittedBefore;
      if (changed)
        this.options.logger.error(
          { calendarId: this.context.calendarId },
          'yjs: failed update changed the document',
        );
      throw error;
    }
  }

  #cleanUp(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.options.metrics.connections.dec({ kind: connectionKind(this.context) });
    if (this.#document) this.options.registry.leave(this.#document, this, this.context.readOnly);
    this.#document = null;
    this.#queued = null;
    this.#throttled = null;
    if (this.#drainTimer) clearTimeout(this.#drainTimer);
  }

  #log(metricReason: string, detail: string): void {
    this.options.metrics.connectionsClosed.inc({ reason: metricReason });
    const level =
      metricReason === 'malformed' ||
      metricReason === 'oversized' ||
      metricReason === 'rate-limited' ||
      metricReason === 'presence-limit' ||
      metricReason === 'document-limit'
        ? 'warn'
        : 'info';
    this.options.logger[level](
      {
        calendarId: this.context.calendarId,
        userId: this.context.user.id,
        reason: metricReason,
        detail,
      },
      'yjs connection closed',
    );
  }
}
