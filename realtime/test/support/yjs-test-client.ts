import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from '@callboard/db/testing';
import { delayingWebSocket } from './delaying-web-socket.js';

export interface YjsTestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events the provider saw, newest last. */
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/** The stock WebsocketProvider from Node, sending `cookie` on the upgrade as a browser would. */
export function connectYjsClient(
  baseUrl: string,
  calendarId: string,
  options: {
    cookie?: string;
    params?: Record<string, string>;
    doc?: Y.Doc;
    /** Delays each frame by this many ms, in both directions and in order (a slow network). */
    messageDelayMs?: () => number;
  } = {},
): YjsTestClient {
  const headers = options.cookie ? { cookie: options.cookie } : {};
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const Socket = options.messageDelayMs
    ? delayingWebSocket(CookieWebSocket, options.messageDelayMs)
    : CookieWebSocket;
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(baseUrl, calendarId, doc, {
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    params: options.params ?? {},
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitForSync(client: YjsTestClient): Promise<void> {
  await waitFor(() => client.provider.synced, 'the provider to sync');
}
