import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  decodeClientMessage,
  encodeSyncStep1,
  encodeUpdate,
  ProtocolError,
} from './yjs-protocol.js';
import { wireFrame } from './wire-frame.js';

function docWithEdit(): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getMap('events').set('a', 1);
  return { doc, update };
}

describe('decodeClientMessage', () => {
  it('reads the messages the stock provider sends', () => {
    const { doc, update } = docWithEdit();
    expect(decodeClientMessage(encodeSyncStep1(doc).message)).toMatchObject({
      type: 'sync-step-1',
    });
    expect(decodeClientMessage(encodeUpdate(update).message)).toMatchObject({
      type: 'update',
      update,
    });
    expect(decodeClientMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' });
  });

  it('returns payloads that own their bytes', () => {
    const { update } = docWithEdit();
    const frame = encodeUpdate(update).message;
    const message = decodeClientMessage(frame);
    frame.fill(0);
    expect(message).toMatchObject({ type: 'update', update });
  });

  it.each([
    ['a truncated varint', [0x80]],
    ['an unknown message type', [9]],
    ['an unknown sync type', [0, 7, 0]],
    ['a length past the end', [0, 2, 50, 1, 2]],
    ['an update that does not decode', [0, 2, 3, 0xff, 0xff, 0xff]],
    ['trailing bytes', [3, 0]],
    ['an empty frame', []],
  ])('rejects %s', (_name, bytes) => {
    expect(() => decodeClientMessage(new Uint8Array(bytes))).toThrow(ProtocolError);
  });

  it('rejects a state vector that does not decode', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint8Array(encoder, new Uint8Array([5, 0x80]));
    expect(() => decodeClientMessage(encoding.toUint8Array(encoder))).toThrow(ProtocolError);
  });
});

describe('encodeUpdate', () => {
  // Each varuint width of the length (one to three bytes) and each frame header form.
  it.each([1, 100, 123, 124, 127, 128, 16_383, 16_384, 65_531, 65_532, 70_000])(
    'frames a %i-byte update as y-protocols and ws would',
    (length) => {
      const update = Uint8Array.from({ length }, (_, i) => (i * 7 + 3) % 256);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      const expected = encoding.toUint8Array(encoder);
      const frame = encodeUpdate(update);
      expect(new Uint8Array(frame.message)).toEqual(expected);
      // The frame written at once equals the one framed from its message.
      expect(frame.wire).toEqual(wireFrame(expected).wire);
      expect(frame.wire.subarray(frame.wire.byteLength - expected.byteLength)).toEqual(
        frame.message,
      );
    },
  );
});
