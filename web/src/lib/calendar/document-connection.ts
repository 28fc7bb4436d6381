import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** Long enough for a sync on a slow set connection. */
const SYNC_TIMEOUT_MS = 10_000;

/** The relay's address on this page's origin. */
export function relayUrl(): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/yjs`;
}

/**
 * A short-lived connection to a calendar's document, for a write from outside the editor (a
 * zone change, the demo schedule): no presence, no offline copy.
 */
export class DocumentConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;

  constructor(readonly calendarId: string) {
    this.provider = new WebsocketProvider(relayUrl(), calendarId, this.doc, {
      // Same-tab sync across tabs would bypass the server's read-only rules for viewers.
      disableBc: true,
      connect: false,
    });
    // Not someone on the calendar: announce no presence.
    this.provider.awareness.setLocalState(null);
    this.provider.connect();
  }

  /** True once the document holds the server's copy; false after a final close or the timeout. */
  synced(): Promise<boolean> {
    return this.#until(() => this.provider.synced);
  }

  /**
   * True once the server holds everything this document holds, as a second connection
   * receives it (in its first sync, or relayed as it lands): what this tab sent is not yet
   * what the server kept. False after a final close of either, or the timeout.
   */
  async written(): Promise<boolean> {
    const wanted = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    const check = new DocumentConnection(this.calendarId);
    try {
      return await check.#until(
        () => [...wanted].every(([client, clock]) => Y.getState(check.doc.store, client) >= clock),
        this.provider,
      );
    } finally {
      check.close();
    }
  }

  /**
   * True when `condition` holds after an update or a sync; false on a final close of this
   * connection or of `also`, or at the timeout.
   */
  #until(condition: () => boolean, also?: WebsocketProvider): Promise<boolean> {
    const { doc, provider } = this;
    const providers = also ? [provider, also] : [provider];
    return new Promise((resolve) => {
      const finish = (result: boolean) => {
        clearTimeout(timer);
        doc.off('update', check);
        provider.off('sync', check);
        for (const each of providers) each.off('closed', closed);
        resolve(result);
      };
      const check = () => {
        if (condition()) finish(true);
      };
      const closed = () => finish(false);
      const timer = setTimeout(closed, SYNC_TIMEOUT_MS);
      doc.on('update', check);
      provider.on('sync', check);
      for (const each of providers) each.on('closed', closed);
      check();
    });
  }

  /** Closing after the send: the socket delivers what it queued before the close frame. */
  close(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
