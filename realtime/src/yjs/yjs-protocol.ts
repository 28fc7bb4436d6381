import type { DecodedUpdate } from '@callboard/domain';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { wireFrame, wireFrameOf, type WireFrame } from './wire-frame.js';

/** Top-level message types of the y-websocket protocol (as in y-websocket's client). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/**
 * One client message, decoded and checked; payloads are copies that own their bytes. An update
 * comes with its decoded structs, which the document limits check reads rather than decoding
 * the update a second time.
 */
export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array; decoded: DecodedUpdate }
  | { type: 'update'; update: Uint8Array; decoded: DecodedUpdate }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

/** A frame that does not follow the protocol; the connection is closed with 1003. */
export class ProtocolError extends Error {}

/**
 * Decodes a client frame. Throws ProtocolError on an unknown type, a truncated varint, a
 * length running past the frame, trailing bytes, or a Yjs update that does not decode, so
 * nothing malformed ever reaches the shared document.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  let message: ClientMessage;
  try {
    const messageType = decoding.readVarUint(decoder);
    if (messageType === MESSAGE_SYNC) {
      const syncType = decoding.readVarUint(decoder);
      const payload = readPayload(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        Y.decodeStateVector(payload);
        message = { type: 'sync-step-1', stateVector: payload };
      } else if (
        syncType === syncProtocol.messageYjsSyncStep2 ||
        syncType === syncProtocol.messageYjsUpdate
      ) {
        message = {
          type: syncType === syncProtocol.messageYjsUpdate ? 'update' : 'sync-step-2',
          update: payload,
          decoded: Y.decodeUpdate(payload),
        };
      } else {
        throw new ProtocolError(`unknown sync message type ${syncType}`);
      }
    } else if (messageType === MESSAGE_AWARENESS) {
      message = { type: 'awareness', update: readPayload(decoder) };
    } else if (messageType === MESSAGE_QUERY_AWARENESS) {
      message = { type: 'query-awareness' };
    } else {
      throw new ProtocolError(`unknown message type ${messageType}`);
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`undecodable frame: ${(error as Error).message}`);
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message');
  return message;
}

/** Reads a length-prefixed payload, refusing lengths that run past the frame. */
function readPayload(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos)
    throw new ProtocolError('length runs past the end of the frame');
  // A copy, so later decoding can never read neighbouring bytes of a shared buffer.
  return decoding.readUint8Array(decoder, length).slice();
}

/** The server's opening message: its state vector, so the client sends what the server lacks. */
export function encodeSyncStep1(doc: Y.Doc): WireFrame {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return wireFrame(encoding.toUint8Array(encoder));
}

/** The reply to a client's step 1: everything the client lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): WireFrame {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return wireFrame(encoding.toUint8Array(encoder));
}

/** An update as y-protocols' `writeUpdate` frames it: sync, update, its length, its bytes. */
export function encodeUpdate(update: Uint8Array): WireFrame {
  const prefix = [MESSAGE_SYNC, syncProtocol.messageYjsUpdate];
  // lib0's varuint: seven bits a byte, low bits first, the high bit set on all but the last.
  let length = update.byteLength;
  for (; length > 0x7f; length >>>= 7) prefix.push(0x80 | (length & 0x7f));
  prefix.push(length);
  return wireFrameOf(prefix, update);
}

export function encodeAwareness(awarenessUpdate: Uint8Array): WireFrame {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return wireFrame(encoding.toUint8Array(encoder));
}

/** The awareness states of the given clients, framed for the wire. */
export function encodeAwarenessStates(
  awareness: awarenessProtocol.Awareness,
  clients: number[],
): WireFrame {
  return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}
