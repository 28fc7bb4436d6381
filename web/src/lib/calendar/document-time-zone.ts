import { metaMap } from '@callboard/domain';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** Long enough for a sync on a slow set connection; the API already holds the change. */
const SYNC_TIMEOUT_MS = 10_000;

/**
 * After the API changed a calendar's zone, writes it into the document's `meta.timezone`,
 * which follows the API (docs/document-schema.md) for offline and outside readers. A document
 * that has no zone yet takes the API's when it is first opened, so it is left alone. Best
 * effort: the API's record is the truth, and the next zone change writes meta again.
 */
export async function writeDocumentTimeZone(calendarId: string, timezone: string): Promise<void> {
  const doc = new Y.Doc();
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const provider = new WebsocketProvider(`${protocol}//${location.host}/yjs`, calendarId, doc, {
    // Same-tab sync across tabs would bypass the server's read-only rules for viewers.
    disableBc: true,
  });
  try {
    const synced = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), SYNC_TIMEOUT_MS);
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    const meta = metaMap(doc);
    if (synced && meta.get('timezone') !== undefined && meta.get('timezone') !== timezone) {
      meta.set('timezone', timezone);
    }
  } finally {
    // Closing after the send: the socket delivers what it queued before the close frame.
    provider.destroy();
    doc.destroy();
  }
}
