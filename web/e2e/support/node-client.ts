import { createEvent, type CalendarEventFields } from '@callboard/domain';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** A plain y-websocket client in Node, as an outside integration would connect. */
export async function connectNodeClient(baseUrl: string, calendarId: string, token: string) {
  const cookie = `session=${token}`;
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/yjs`, calendarId, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.once('sync', () => resolve());
  });
  return {
    doc,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Writes events into a calendar as an outside client would; pages wait for them to appear. */
export async function seedEvents(
  baseUrl: string,
  calendarId: string,
  token: string,
  events: (Pick<CalendarEventFields, 'title' | 'kind' | 'start' | 'end'> &
    Partial<CalendarEventFields>)[],
): Promise<void> {
  const client = await connectNodeClient(baseUrl, calendarId, token);
  for (const event of events)
    createEvent(client.doc, { allDay: false, location: '', notes: '', ...event });
  client.close();
}
