import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import * as wsModule from 'ws';

/**
 * ws exports its Sender, whose static `frame` it made public so that a server can frame a
 * broadcast once (websockets/ws#1016); @types/ws does not declare it.
 */
const { Sender } = wsModule as unknown as {
  Sender: {
    frame(
      data: Buffer,
      options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean },
    ): Buffer[];
  };
};

const BINARY_OPCODE = 0x02;

/**
 * A server message, framed for the wire once. ws frames each send on its own (a header, then
 * a corked write of header and payload, one `writev` per recipient); an update goes to every
 * client of its calendar with the same bytes, so here it is framed once and each recipient's
 * socket gets one plain write of the same buffer.
 */
export class WireFrame {
  #wire: Buffer | null = null;

  /** `message`: the y-websocket protocol message the frame carries. */
  constructor(readonly message: Buffer) {}

  /** The whole websocket frame: binary, final, unmasked (server to client), uncompressed. */
  get wire(): Buffer {
    this.#wire ??= Buffer.concat(
      Sender.frame(this.message, {
        fin: true,
        opcode: BINARY_OPCODE,
        mask: false,
        readOnly: false,
        rsv1: false,
      }),
    );
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
