import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { messageSync } from 'y-websocket';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';

/**
 * A stand-in for the /yjs relay, as much of it as a browser session meets: it asks a writer for
 * its state (sync step 1) and never a reader, drops a reader's updates, and lets a test close
 * connections with the relay's codes or refuse an update. The reference server
 * (@y/websocket-server) asks every connection and applies every update, so it can play neither.
 * Presence (awareness) is ignored: these tests look at the connection, not at peers.
 */
export class YjsTestRelay {
  /** The shared document; a test edits it directly to play someone else. */
  readonly doc = new Y.Doc();
  /** Whether connections opened from now on are read-only, as the relay's role check decides. */
  readOnly = false;
  readonly #sockets = new WebSocketServer({ noServer: true });
  #server: http.Server | null = null;
  #port = 0;
  /** Upgrades waiting for release() while held; null when not held. */
  #held: (() => void)[] | null = null;
  #heldSockets = new Set<Duplex>();
  /** The close code the next update from a client gets instead of being applied. */
  #refusal: number | null = null;

  static async start(): Promise<YjsTestRelay> {
    const relay = new YjsTestRelay();
    await relay.listen();
    return relay;
  }

  /** Where a page served by this relay lives, as `location` would say. */
  get origin(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get connections(): number {
    return this.#sockets.clients.size;
  }

  /** Starts serving on a free port, or again on the last one, as a restarted server would. */
  async listen(): Promise<void> {
    const server = http.createServer((_request, response) => response.writeHead(404).end());
    server.on('upgrade', (request, socket, head) => {
      const accept = () => {
        this.#heldSockets.delete(socket);
        this.#sockets.handleUpgrade(request, socket, head, (ws) => this.#connect(ws));
      };
      if (!this.#held) return accept();
      this.#heldSockets.add(socket);
      this.#held.push(accept);
    });
    await new Promise<void>((resolve) => server.listen(this.#port, '127.0.0.1', resolve));
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Goes away: every socket is dropped (1006 for the client) and nothing answers. */
  async close(): Promise<void> {
    for (const ws of this.#sockets.clients) ws.terminate();
    for (const socket of this.#heldSockets) socket.destroy();
    this.#heldSockets.clear();
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  closeAll(code: number): void {
    for (const ws of this.#sockets.clients) ws.close(code, 'closed by the test');
  }

  /** Drops every connection without a close frame, as a lost network does (1006). */
  dropAll(): void {
    for (const ws of this.#sockets.clients) ws.terminate();
  }

  /** Refuses the next update from a client: closes its connection with `code`, unapplied. */
  refuseNextUpdate(code: number): void {
    this.#refusal = code;
  }

  /** Leaves new connections unanswered, mid-handshake, until release(). */
  hold(): void {
    this.#held ??= [];
  }

  release(): void {
    const waiting = this.#held ?? [];
    this.#held = null;
    for (const accept of waiting) accept();
  }

  /** Whether the shared document has everything `doc` holds. */
  hasAllOf(doc: Y.Doc): boolean {
    const ours = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
      if ((ours.get(client) ?? 0) < clock) return false;
    }
    return true;
  }

  #connect(ws: WebSocket): void {
    const readOnly = this.readOnly;
    ws.binaryType = 'arraybuffer';
    ws.on('message', (data: ArrayBuffer) => this.#receive(ws, readOnly, new Uint8Array(data)));
    if (readOnly) return;
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, messageSync);
    syncProtocol.writeSyncStep1(step1, this.doc);
    ws.send(encoding.toUint8Array(step1));
  }

  #receive(ws: WebSocket, readOnly: boolean, frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== messageSync) return;
    const syncType = decoding.peekVarUint(decoder);
    if (syncType !== syncProtocol.messageYjsSyncStep1) {
      if (readOnly) return;
      if (syncType === syncProtocol.messageYjsUpdate && this.#refusal !== null) {
        ws.close(this.#refusal, 'refused by the test');
        this.#refusal = null;
        return;
      }
    }
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, messageSync);
    syncProtocol.readSyncMessage(decoder, reply, this.doc, ws);
    if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
  }
}
