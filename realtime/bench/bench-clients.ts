import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** `baseline` is our relay built from another commit (BENCH_BASELINE), for regressions. */
export type ServerKind = 'callboard' | 'baseline' | 'reference' | 'hocuspocus';

/** Our relay, at this commit or another: it serves /yjs and wants a session. */
export const isOurRelay = (kind: ServerKind) => kind === 'callboard' || kind === 'baseline';

export interface BenchClient {
  doc: Y.Doc;
  synced: Promise<void>;
  destroy(): void;
}

/**
 * ws for Hocuspocus's provider, which closes a socket that is still connecting after taking its
 * own listeners off: ws then emits an error nobody hears, which ended the bench during (c).
 */
class ListenedWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => undefined);
  }
}

/**
 * A stock client of the server under test: y-websocket for ours and the reference, Hocuspocus's
 * own provider for Hocuspocus. With `presence`, it announces that awareness state, as the web
 * app does for every member who may edit; without, it keeps the provider's default, as a
 * viewer's does.
 */
export function connectClient(
  kind: ServerKind,
  baseUrl: string,
  room: string,
  cookie?: string,
  presence?: Record<string, unknown>,
): BenchClient {
  const doc = new Y.Doc();
  if (kind === 'hocuspocus') {
    const websocketProvider = new HocuspocusProviderWebsocket({
      url: baseUrl,
      WebSocketPolyfill: ListenedWebSocket,
    });
    const provider = new HocuspocusProvider({ websocketProvider, name: room, document: doc });
    provider.attach();
    if (presence) provider.awareness?.setLocalState(presence);
    const synced = new Promise<void>((resolve) => provider.on('synced', () => resolve()));
    return {
      doc,
      synced,
      destroy() {
        provider.destroy();
        websocketProvider.destroy();
        doc.destroy();
      },
    };
  }
  const headers = cookie ? { cookie } : {};
  class HeaderWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const provider = new WebsocketProvider(isOurRelay(kind) ? `${baseUrl}/yjs` : baseUrl, room, doc, {
    WebSocketPolyfill: HeaderWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  if (presence) provider.awareness.setLocalState(presence);
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  return {
    doc,
    synced,
    destroy() {
      provider.destroy();
      // Also stops the awareness timer, which would otherwise keep the process alive.
      doc.destroy();
    },
  };
}
