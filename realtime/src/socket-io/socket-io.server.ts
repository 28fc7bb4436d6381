import type { Server as HttpServer } from 'node:http';
import {
  ConflictError,
  CrossOriginError,
  ForbiddenError,
  NotFoundError,
  originAllowed,
  originPolicy,
  TooManyRequestsError,
  UnauthenticatedError,
  ValidationError,
  type Platform,
  connectRedis,
  disconnectRedis,
  type Redis,
} from '@callboard/platform';
import { canEditCalendars, ERROR_CODES } from '@callboard/domain';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import type { z } from 'zod';
import { AccessGuard } from '../access/access-guard.js';
import { connectionSessionExpiries } from '../access/session-expiry.js';
import { TokenBucket } from '../yjs/connection-limits.js';
import type { RealtimeDependencies } from '../yjs/relay-dependencies.js';
import type { AppliedUpdate } from '../yjs/yjs-relay.js';
import { ChangeCoalescer, changesOf } from './calendar-change-feed.js';
import { SocketIoConnection, type CallboardSocket } from './socket-io-connection.js';
import { presenceOf } from './socket-io-presence.js';
import {
  calendarRoom,
  CLIENT_EVENT_SCHEMAS,
  projectRoom,
  refusedAck,
  type Ack,
  type ClientEventName,
  type ClientEvents,
  type ServerEvents,
  type SocketData,
} from './socket-io.messages.js';

type CallboardIo = Server<ClientEvents, ServerEvents, Record<string, never>, SocketData>;

export interface SocketIoOptions {
  /** Window over which one author's changes to one calendar become one `calendar:changed`. */
  coalesceMs: number;
  /** How often every socket's session and access are checked again (REALTIME_ACCESS_RECHECK_MS). */
  recheckMs: number;
  /** Events one socket may send per second on average (REALTIME_SOCKET_EVENTS_PER_SECOND). */
  eventsPerSecond: number;
  /** Events one socket may send at once (REALTIME_SOCKET_EVENT_BURST). */
  eventBurst: number;
}

export interface SocketIoHandle {
  /** Feed for `calendar:changed`: the relay calls it for each update accepted here. */
  onUpdateApplied(applied: AppliedUpdate): void;
  close(): Promise<void>;
}

/**
 * The adapter publishes and unsubscribes without awaiting; a command still pending when the
 * connection ends would reject with nobody listening. Marking every command's promise handled
 * keeps those rejections quiet; callers that await still see them. Methods are bound to the
 * client, whose private fields a proxy receiver cannot reach.
 */
function quietUnawaited(client: Redis): Redis {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (result instanceof Promise) result.catch(() => undefined);
        return result;
      };
    },
  });
}

const OK: Ack = { ok: true };

/** Where socket.io is served; engine.io takes the upgrades under it with its own listener. */
export const SOCKET_IO_PATH = '/socket.io';

/**
 * socket.io on /socket.io: presence and change events per project and calendar, authorised
 * by the session cookie, shared across instances through the Redis adapter when configured.
 */
export async function attachSocketIo(
  httpServer: HttpServer,
  platform: Platform,
  deps: RealtimeDependencies,
  options: SocketIoOptions,
): Promise<SocketIoHandle> {
  const logger = platform.logger.child({ component: 'socket.io' });
  const io: CallboardIo = new Server(httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // The process's own upgrade listener ends upgrades nobody takes. engine.io's would give
    // every other upgrade (each /yjs connection) an error listener, held for its life.
    destroyUpgrade: false,
  });
  const redisClients: Redis[] = [];
  if (platform.config.REDIS_URL) {
    // Both queue while Redis is down: the subscriber to keep its subscriptions, the publisher
    // so presence and change events sent meanwhile go out once it is back.
    const pub = connectRedis(platform.config.REDIS_URL, {
      name: 'callboard-socket.io-pub',
      offlineQueue: true,
    });
    const sub = connectRedis(platform.config.REDIS_URL, {
      name: 'callboard-socket.io-sub',
      offlineQueue: true,
    });
    redisClients.push(pub, sub);
    io.adapter(
      createAdapter(quietUnawaited(pub), quietUnawaited(sub), {
        key: `${platform.config.REDIS_PREFIX}socket.io`,
      }),
    );
  }
  const connections = new Set<SocketIoConnection>();
  const sessionExpiries = connectionSessionExpiries(
    (connection: SocketIoConnection) => connection,
    deps,
    logger,
  );
  const guard = new AccessGuard({
    deps,
    logger,
    recheckMs: options.recheckMs,
    connections: () => connections,
  });
  /** When each socket's session expires as seen at its handshake. */
  const handshakeExpiries = new WeakMap<CallboardSocket, Date>();

  io.use(async (socket, next) => {
    // The same origin rule as the API's CSRF check and the /yjs upgrade.
    const origin = socket.handshake.headers.origin;
    if (
      origin &&
      !originAllowed(origin, originPolicy(platform.config), socket.handshake.headers.host)
    ) {
      return next(new Error(new CrossOriginError().code));
    }
    const session = await deps.sessions.validateCookieHeader(socket.handshake.headers.cookie);
    if (!session) return next(new Error(new UnauthenticatedError().code));
    socket.data = {
      userId: session.user.id,
      name: session.user.name,
      sessionId: session.sessionId,
      projects: {},
      calendars: {},
      presence: null,
    };
    handshakeExpiries.set(socket, session.expiresAt);
    next();
  });

  async function announcePresence(projectId: string): Promise<void> {
    const sockets = await io.in(projectRoom(projectId)).fetchSockets();
    const followers = sockets.flatMap((remote) => (remote.data ? [remote.data] : []));
    io.to(projectRoom(projectId)).emit('presence', presenceOf(projectId, followers));
  }

  /**
   * Meters every event a socket sends and refuses names that are not client events. Over the
   * budget an event is refused with `rate_limited`; refusals draw on a budget of their own,
   * so a client that overshoots is told and one that keeps flooding is disconnected.
   */
  function meterEvents(socket: CallboardSocket): void {
    const budget = new TokenBucket(options.eventsPerSecond, options.eventBurst);
    const patience = new TokenBucket(options.eventsPerSecond, options.eventBurst);
    socket.use(([event, ...args], next) => {
      const ack = args.at(-1);
      const reply = (result: Ack) => {
        if (typeof ack === 'function') (ack as (result: Ack) => void)(result);
      };
      if (!budget.take()) {
        reply(refusedAck(new TooManyRequestsError(1, 'Too many messages; slow down.')));
        if (!patience.take()) {
          logger.warn({ userId: socket.data.userId }, 'socket.io: flooding socket disconnected');
          socket.disconnect(true);
        }
        return;
      }
      if (typeof event !== 'string' || !Object.hasOwn(CLIENT_EVENT_SCHEMAS, event)) {
        return reply(refusedAck(new NotFoundError('Event')));
      }
      next();
    });
  }

  function handle<E extends ClientEventName>(
    socket: CallboardSocket,
    event: E,
    action: (input: z.output<(typeof CLIENT_EVENT_SCHEMAS)[E]>) => Promise<Ack>,
  ): void {
    const schema: z.ZodType = CLIENT_EVENT_SCHEMAS[event];
    socket.on(event as ClientEventName, async (payload: unknown, ack?: (result: Ack) => void) => {
      const parsed = schema.safeParse(payload);
      const reply = typeof ack === 'function' ? ack : () => undefined;
      if (!parsed.success) {
        const message = parsed.error.issues[0]?.message ?? 'Invalid message.';
        return reply(refusedAck(new ValidationError(message)));
      }
      try {
        reply(await action(parsed.data as z.output<(typeof CLIENT_EVENT_SCHEMAS)[E]>));
      } catch (error) {
        logger.error({ err: error, event }, 'socket.io handler failed');
        reply({
          ok: false,
          error: { code: ERROR_CODES.internal, message: 'Something went wrong on our side.' },
        });
      }
    });
  }

  io.on('connection', (socket: CallboardSocket) => {
    const { userId } = socket.data;
    const connection = new SocketIoConnection(socket, announcePresence, logger);
    connections.add(connection);
    const expiresAt = handshakeExpiries.get(socket);
    if (expiresAt) sessionExpiries.watch(connection, expiresAt);
    meterEvents(socket);

    handle(socket, 'project:follow', async ({ projectId }) => {
      const role = await deps.access.projectRole(userId, projectId);
      if (!role) return refusedAck(new NotFoundError('Project'));
      await connection.followProject(projectId, role);
      return OK;
    });
    handle(socket, 'project:unfollow', async ({ projectId }) => {
      await connection.unfollowProject(projectId);
      return OK;
    });
    handle(socket, 'calendar:follow', async ({ calendarId }) => {
      const access = await deps.access.calendarAccess(userId, calendarId);
      if (!access) return refusedAck(new NotFoundError('Calendar'));
      await connection.followCalendar(calendarId, access.projectId, access.role);
      return OK;
    });
    handle(socket, 'calendar:unfollow', async ({ calendarId }) => {
      await connection.unfollowCalendar(calendarId);
      return OK;
    });
    handle(socket, 'presence:set', async ({ projectId, calendarId, editing }) => {
      const role = socket.data.projects[projectId];
      if (!role) return refusedAck(new ConflictError('Follow the project first.', 'not_following'));
      if (!canEditCalendars(role)) {
        return refusedAck(new ForbiddenError('Viewers are counted in presence, not named.'));
      }
      if (calendarId) {
        const access = await deps.access.calendarAccess(userId, calendarId);
        if (!access || access.projectId !== projectId) {
          return refusedAck(new NotFoundError('Calendar'));
        }
      }
      await connection.setPresence({ projectId, calendarId, editing: editing ?? null });
      return OK;
    });
    socket.on('disconnect', () => {
      sessionExpiries.unwatch(connection);
      connections.delete(connection);
      connection.departed();
    });
  });

  guard.start();

  const coalescer = new ChangeCoalescer<{
    calendarId: string;
    projectId: string;
    userId: string;
    name: string;
  }>(options.coalesceMs, (meta, changes) => {
    // The adapter carries this to followers on every instance.
    io.to([calendarRoom(meta.calendarId), projectRoom(meta.projectId)]).emit('calendar:changed', {
      calendarId: meta.calendarId,
      projectId: meta.projectId,
      changes,
      by: { userId: meta.userId, name: meta.name },
      at: new Date().toISOString(),
    });
  });

  return {
    onUpdateApplied(applied) {
      if (!applied.user) return;
      // Without Redis the adapter knows every follower: with none, nobody would hear the change.
      if (
        redisClients.length === 0 &&
        !io.sockets.adapter.rooms.has(calendarRoom(applied.calendarId)) &&
        !io.sockets.adapter.rooms.has(projectRoom(applied.projectId))
      )
        return;
      const changes = changesOf(applied.doc, applied.transaction);
      coalescer.add(
        `${applied.calendarId}:${applied.user.id}`,
        {
          calendarId: applied.calendarId,
          projectId: applied.projectId,
          userId: applied.user.id,
          name: applied.user.name,
        },
        changes,
      );
    },
    async close() {
      coalescer.flushAll();
      guard.stop();
      sessionExpiries.stop();
      await io.close();
      for (const client of redisClients) disconnectRedis(client);
    },
  };
}
