import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer, type ServerOptions } from 'ws';
import { WireFrameWriter, wireFrame } from './wire-frame.js';

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

/** A ws server handing each accepted websocket to `accept` with the socket it was upgraded on. */
async function serve(
  accept: (ws: WebSocket, socket: Duplex) => void,
  options: ServerOptions = {},
): Promise<string> {
  const wss = new WebSocketServer({ noServer: true, ...options });
  const server = createServer();
  server.on('upgrade', (request, socket, head) =>
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws, socket)),
  );
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Opens a client and collects what it receives until `count` messages have arrived. */
async function receive(url: string, count: number, perMessageDeflate = false): Promise<Buffer[]> {
  const client = new WebSocket(url, { perMessageDeflate });
  const received: Buffer[] = [];
  const binary: boolean[] = [];
  await new Promise<void>((done, fail) => {
    client.on('message', (data: Buffer, isBinary) => {
      received.push(data);
      binary.push(isBinary);
      if (received.length === count) done();
    });
    client.on('error', fail);
  });
  client.close();
  // Asserted here rather than in the handler, where a failure would only stall the test.
  expect(binary.every(Boolean)).toBe(true);
  return received;
}

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);
}

describe('WireFrameWriter', () => {
  // One length of each header form: 7-bit, 16-bit and 64-bit.
  const messages = [bytes(1, 1), bytes(125, 2), bytes(126, 3), bytes(65_535, 4), bytes(70_000, 5)];

  it('delivers frames written to the socket whole, in order with what ws sends itself', async () => {
    const url = await serve((ws, socket) => {
      const writer = new WireFrameWriter(ws, socket);
      messages.forEach((message, index) => {
        writer.write(wireFrame(message));
        ws.ping();
        ws.send(Buffer.from([index]));
      });
    });
    const received = await receive(url, messages.length * 2);
    messages.forEach((message, index) => {
      expect(new Uint8Array(received[index * 2]!)).toEqual(message);
      expect([...received[index * 2 + 1]!]).toEqual([index]);
    });
  });

  it('counts what it wrote in bufferedAmount, so a slow reader is still noticed', async () => {
    let buffered = -1;
    const url = await serve((ws, socket) => {
      const frame = wireFrame(bytes(64 * 1024, 6));
      const writer = new WireFrameWriter(ws, socket);
      for (let i = 0; i < 64; i += 1) writer.write(frame);
      buffered = ws.bufferedAmount;
      ws.send(Buffer.from([1]));
    });
    await receive(url, 65);
    // 4 MiB cannot all have left in one synchronous loop.
    expect(buffered).toBeGreaterThan(0);
  });

  it('goes through ws when the connection compresses', async () => {
    let extensions = '';
    const url = await serve(
      (ws, socket) => {
        extensions = ws.extensions;
        const writer = new WireFrameWriter(ws, socket);
        for (const message of messages) writer.write(wireFrame(message));
      },
      { perMessageDeflate: true },
    );
    const received = await receive(url, messages.length, true);
    expect(extensions).toContain('permessage-deflate');
    expect(received.map((data) => new Uint8Array(data))).toEqual(messages);
  });

  it('frames a message once, however many sockets it is written to', () => {
    const frame = wireFrame(bytes(300, 7));
    expect(frame.wire).toBe(frame.wire);
    // Header: final binary frame, 16-bit length 300, no mask.
    expect([...frame.wire.subarray(0, 4)]).toEqual([0x82, 126, 1, 44]);
    expect(frame.wire.byteLength).toBe(304);
  });
});
