import { io as connectSocketIo, type Socket } from 'socket.io-client';
import type { Ack } from '../../src/socket-io/socket-io.messages.js';

/** A socket.io client as the web app opens one, carrying `cookie`; resolves once connected. */
export function connectSocket(
  url: string,
  cookie?: string,
  headers: Record<string, string> = {},
): { socket: Socket; connected: Promise<Socket> } {
  const socket = connectSocketIo(url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { ...headers, ...(cookie ? { cookie } : {}) },
    reconnection: false,
  });
  const connected = new Promise<Socket>((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
  return { socket, connected };
}

/** Sends one client event and resolves with the server's acknowledgement. */
export const send = (socket: Socket, event: string, payload: unknown) =>
  socket.emitWithAck(event, payload) as Promise<Ack>;
