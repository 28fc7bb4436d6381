import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** A calendar open in the stock y-websocket provider, as an outside client holds one. */
export interface CalendarClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the provider saw, newest last. */
  closeCodes: number[];
  close(): void;
}

/**
 * Opens `calendarId` over `/yjs` of `baseUrl` (http or ws), sending `cookie` on the upgrade as a
 * browser would. The provider reconnects by itself, within `maxBackoffMs`.
 */
export function openCalendar(
  baseUrl: string,
  calendarId: string,
  cookie: string,
  options: { doc?: Y.Doc; maxBackoffMs?: number } = {},
): CalendarClient {
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/yjs`, calendarId, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: options.maxBackoffMs ?? 500,
  });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    doc,
    provider,
    closeCodes,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}
