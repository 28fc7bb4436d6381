import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Platform } from '@callboard/platform';
import type { RealtimeConfig } from './config/realtime.config.js';
import type { RealtimeDependencies } from './yjs/relay-dependencies.js';
import {
  attachSocketIo,
  SOCKET_IO_PATH,
  type SocketIoHandle,
} from './socket-io/socket-io.server.js';
import { createYjsRelay, type YjsRelay } from './yjs/yjs-relay.js';

/** The realtime tier as the HTTP server sees it. */
export interface RealtimeServer {
  /**
   * Takes a websocket upgrade for /yjs/* and, once attached, leaves one for socket.io to
   * socket.io's own listener; false for any other path, whose socket the caller ends.
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Attaches socket.io at /socket.io to the HTTP server. */
  attach(httpServer: HttpServer): void;
  /** Stops accepting, flushes pending writes and closes sockets with 1001. */
  close(): Promise<void>;
  /** The y-websocket relay, for tests and for the socket.io side. */
  readonly yjs: YjsRelay;
}

export function createRealtimeServer(
  platform: Platform,
  config: RealtimeConfig,
  deps: RealtimeDependencies,
): RealtimeServer {
  const yjs = createYjsRelay(platform, config, deps);
  yjs.start().catch((error: unknown) => {
    platform.logger.error({ err: error }, 'yjs relay could not start');
  });
  let socketIo: Promise<SocketIoHandle | null> = Promise.resolve(null);
  let stopFeed = () => {};
  let attached = false;
  return {
    yjs,
    handleUpgrade: (request, socket, head) =>
      (attached && request.url?.startsWith(`${SOCKET_IO_PATH}/`) === true) ||
      yjs.handleUpgrade(request, socket, head),
    attach(httpServer) {
      attached = true;
      socketIo = attachSocketIo(httpServer, platform, deps, {
        coalesceMs: config.REALTIME_CHANGE_COALESCE_MS,
        recheckMs: config.REALTIME_ACCESS_RECHECK_MS,
        eventsPerSecond: config.REALTIME_SOCKET_EVENTS_PER_SECOND,
        eventBurst: config.REALTIME_SOCKET_EVENT_BURST,
      }).then(
        (handle) => {
          stopFeed = yjs.onUpdateApplied((applied) => handle.onUpdateApplied(applied));
          return handle;
        },
        (error: unknown) => {
          platform.logger.error({ err: error }, 'socket.io could not start');
          return null;
        },
      );
    },
    async close() {
      stopFeed();
      await Promise.all([yjs.close(), socketIo.then((handle) => handle?.close())]);
    },
  };
}
