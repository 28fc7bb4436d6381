import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';

/** Final fragment, binary opcode (RFC 6455 §5.2). */
const FIN_BINARY = 0x82;

/** Bytes of the header of an unmasked frame carrying `length` bytes: a 7-, 16- or 64-bit length. */
function headerLength(length: number): number {
  return length > 0xffff ? 10 : length > 125 ? 4 : 2;
}

/** Writes that header at the start of `target`; server frames are never masked or compressed. */
function writeHeader(target: Buffer, length: number): void {
  target[0] = FIN_BINARY;
  if (length <= 125) {
    target[1] = length;
  } else if (length <= 0xffff) {
    target[1] = 126;
    target.writeUInt16BE(length, 2);
  } else {
    target[1] = 127;
    target.writeUInt32BE(0, 2);
    target.writeUInt32BE(length, 6);
  }
}

/**
 * A server message, framed for the wire once. ws frames each send on its own (a header, then
 * a corked write of header and payload, one `writev` per recipient); an update goes to every
 * client of its calendar with the same bytes, so here it is framed once and each recipient's
 * socket gets one plain write of the same buffer.
 */
export class WireFrame {
  #message: Buffer;
  #wire: Buffer | null;

  /**
   * `message`: the y-websocket protocol message the frame carries; `wire`, when the caller
   * wrote it already, the whole frame with `message` as its tail.
   */
  constructor(message: Buffer, wire: Buffer | null = null) {
    this.#message = message;
    this.#wire = wire;
  }

  get message(): Buffer {
    return this.#message;
  }

  /** The whole websocket frame: binary, final, unmasked (server to client), uncompressed. */
  get wire(): Buffer {
    if (!this.#wire) {
      const length = this.#message.byteLength;
      // Not from Node's shared pool: a document keeps its sync frames, and a small pooled
      // buffer would keep the whole 8 KiB slab it was cut from.
      const wire = Buffer.allocUnsafeSlow(headerLength(length) + length);
      writeHeader(wire, length);
      this.#message.copy(wire, wire.byteLength - length);
      this.#wire = wire;
      // The message is the frame's tail from now on, so the frame holds its bytes only once.
      this.#message = wire.subarray(wire.byteLength - length);
    }
    return this.#wire;
  }
}

/**
 * Sends frames on one accepted websocket: straight to its socket when ws would write exactly
 * those bytes, through ws otherwise. ws writes every frame synchronously unless it compresses
 * (permessage-deflate, which this server does not offer) or sends a Blob (never done here), so
 * frames written either way keep their order with ws's own pings and close frame.
 */
export class WireFrameWriter {
  readonly #socket: Duplex | null;

  /** `socket`: the upgraded socket that ws was given for `ws`. */
  constructor(
    private readonly ws: WebSocket,
    socket: Duplex,
  ) {
    this.#socket = ws.extensions === '' ? socket : null;
  }

  /** Call only while the websocket is open. */
  write(frame: WireFrame): void {
    if (this.#socket) this.#socket.write(frame.wire);
    else this.ws.send(frame.message);
  }
}

/** A protocol message as a frame: a Buffer view of its bytes, not a copy. */
export function wireFrame(bytes: Uint8Array): WireFrame {
  return new WireFrame(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/**
 * A frame whose message is `prefix` (a few bytes) followed by `payload`, written with its
 * header into one buffer: the relay frames every update it passes on, and the copies and
 * allocations of building the message first and the frame after cost more than the rest.
 * Cut from Node's buffer pool, as it is dropped once written.
 */
export function wireFrameOf(prefix: readonly number[], payload: Uint8Array): WireFrame {
  const length = prefix.length + payload.byteLength;
  const header = headerLength(length);
  const wire = Buffer.allocUnsafe(header + length);
  writeHeader(wire, length);
  for (let i = 0; i < prefix.length; i += 1) wire[header + i] = prefix[i]!;
  wire.set(payload, header + prefix.length);
  return new WireFrame(wire.subarray(header), wire);
}
