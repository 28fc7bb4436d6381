import type { Server as HttpServer } from 'node:http';
import {
  ACCOUNT_EVENTS_CHANNEL,
  originAllowed,
  parseAccountEvent,
  originPolicy,
  type AccountEvent,
  type Platform,
} from '@callboard/api';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import type { RealtimeDependencies } from '../yjs/relay-dependencies.js';
import type { AppliedUpdate } from '../yjs/yjs-relay.js';
import { ChangeCoalescer, changesOf } from './calendar-change-feed.js';
import {
  FollowCalendarSchema,
  FollowProjectSchema,
  PresenceSetSchema,
  calendarRoom,
  projectRoom,
  type Ack,
  type ClientEvents,
  type PresenceMember,
  type ServerEvents,
  type SocketData,
} from './socket-io.messages.js';

type CallboardSocket = Socket<ClientEvents, ServerEvents, Record<string, never>, SocketData>;
type CallboardIo = Server<ClientEvents, ServerEvents, Record<string, never>, SocketData>;

export interface SocketIoOptions {
  /** Window over which one author's changes to one calendar become one `calendar:changed`. */
  coalesceMs: number;
}

export interface SocketIoHandle {
  /** Feed for `calendar:changed`: the relay calls it for each update accepted here. */
  onUpdateApplied(applied: AppliedUpdate): void;
  close(): Promise<void>;
}

/**
 * The adapter publishes and unsubscribes without awaiting; a command still pending when the
 * connection ends would reject with nobody listening and take the process down. Marking every
 * command's promise handled keeps those rejections quiet; callers that await still see them.
 */
class AdapterRedis extends Redis {
  override sendCommand(...args: Parameters<Redis['sendCommand']>): unknown {
    const [command] = args;
    const result = super.sendCommand(...args);
    command.promise.catch(() => undefined);
    return result;
  }
}

const fail = (code: string, message: string): Ack => ({ ok: false, error: { code, message } });

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
  const io: CallboardIo = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
  });
  const redisClients: Redis[] = [];
  if (platform.config.REDIS_URL) {
    const options = { maxRetriesPerRequest: null };
    const pub = new AdapterRedis(platform.config.REDIS_URL, options);
    const sub = new AdapterRedis(platform.config.REDIS_URL, options);
    for (const client of [pub, sub]) client.on('error', () => undefined);
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub, { key: `${platform.config.REDIS_PREFIX}socket.io` }));
  }

  io.use(async (socket, next) => {
    // The same origin rule as the API's CSRF check and the /yjs upgrade.
    const origin = socket.handshake.headers.origin;
    if (
      origin &&
      !originAllowed(origin, originPolicy(platform.config), socket.handshake.headers.host)
    ) {
      return next(new Error('forbidden'));
    }
    const session = await deps.sessions.validateCookieHeader(socket.handshake.headers.cookie);
    if (!session) return next(new Error('unauthenticated'));
    socket.data = {
      userId: session.user.id,
      name: session.user.name,
      sessionId: session.sessionId,
      calendars: {},
      presence: null,
    };
    next();
  });

  async function broadcastPresence(projectId: string): Promise<void> {
    const sockets = await io.in(projectRoom(projectId)).fetchSockets();
    const members: PresenceMember[] = [];
    const seen = new Set<string>();
    for (const remote of sockets) {
      const data = remote.data as SocketData | undefined;
      if (!data) continue;
      const here = data.presence?.projectId === projectId ? data.presence : null;
      const key = `${data.userId}:${here?.calendarId ?? ''}:${here?.editing ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      members.push({
        userId: data.userId,
        name: data.name,
        calendarId: here?.calendarId ?? null,
        editing: here?.editing ?? null,
      });
    }
    io.to(projectRoom(projectId)).emit('presence', { projectId, members });
  }

  function handle<S extends z.ZodType>(
    socket: CallboardSocket,
    event: keyof ClientEvents,
    schema: S,
    action: (input: z.output<S>) => Promise<Ack>,
  ): void {
    socket.on(event, async (payload: unknown, ack?: (result: Ack) => void) => {
      const parsed = schema.safeParse(payload);
      const reply = typeof ack === 'function' ? ack : () => undefined;
      if (!parsed.success)
        return reply(
          fail('validation_failed', parsed.error.issues[0]?.message ?? 'Invalid message.'),
        );
      try {
        reply(await action(parsed.data));
      } catch (error) {
        platform.logger.error({ err: error, event }, 'socket.io handler failed');
        reply(fail('internal', 'Something went wrong on our side.'));
      }
    });
  }

  const notFound = (what: string) => fail('not_found', `${what} not found.`);

  io.on('connection', (socket: CallboardSocket) => {
    const { userId } = socket.data;

    handle(socket, 'project:follow', FollowProjectSchema, async ({ projectId }) => {
      if (!(await deps.access.projectRole(userId, projectId))) return notFound('Project');
      await socket.join(projectRoom(projectId));
      await broadcastPresence(projectId);
      return { ok: true };
    });
    handle(socket, 'project:unfollow', FollowProjectSchema, async ({ projectId }) => {
      await socket.leave(projectRoom(projectId));
      await broadcastPresence(projectId);
      return { ok: true };
    });
    handle(socket, 'calendar:follow', FollowCalendarSchema, async ({ calendarId }) => {
      const access = await deps.access.calendarAccess(userId, calendarId);
      if (!access) return notFound('Calendar');
      socket.data.calendars[calendarId] = access.projectId;
      await socket.join(calendarRoom(calendarId));
      return { ok: true };
    });
    handle(socket, 'calendar:unfollow', FollowCalendarSchema, async ({ calendarId }) => {
      delete socket.data.calendars[calendarId];
      await socket.leave(calendarRoom(calendarId));
      return { ok: true };
    });
    handle(
      socket,
      'presence:set',
      PresenceSetSchema,
      async ({ projectId, calendarId, editing }) => {
        if (!socket.rooms.has(projectRoom(projectId)))
          return fail('not_following', 'Follow the project first.');
        if (calendarId) {
          const access = await deps.access.calendarAccess(userId, calendarId);
          if (!access || access.projectId !== projectId) return notFound('Calendar');
        }
        socket.data.presence = { projectId, calendarId, editing: editing ?? null };
        await broadcastPresence(projectId);
        return { ok: true };
      },
    );
    socket.on('disconnect', () => {
      const projectId = socket.data.presence?.projectId;
      if (projectId) void broadcastPresence(projectId).catch(() => undefined);
    });
  });

  const localSockets = () => [...io.of('/').sockets.values()] as CallboardSocket[];

  /**
   * Takes a socket out of a project's room and its calendars' rooms; true when it was in any.
   */
  async function leaveProject(socket: CallboardSocket, projectId: string): Promise<boolean> {
    let followed = socket.rooms.has(projectRoom(projectId));
    await socket.leave(projectRoom(projectId));
    for (const [calendarId, calendarProject] of Object.entries(socket.data.calendars)) {
      if (calendarProject !== projectId) continue;
      followed = true;
      delete socket.data.calendars[calendarId];
      await socket.leave(calendarRoom(calendarId));
    }
    if (socket.data.presence?.projectId === projectId) socket.data.presence = null;
    return followed;
  }

  async function enforce(event: AccountEvent): Promise<void> {
    switch (event.type) {
      case 'session.revoked':
      case 'user.sessions-revoked':
        for (const socket of localSockets()) {
          const matches =
            event.type === 'session.revoked'
              ? socket.data.sessionId === event.sessionId
              : socket.data.userId === event.userId;
          if (!matches) continue;
          socket.emit('session:revoked', {
            reason: event.type === 'session.revoked' ? 'signed out' : event.reason,
          });
          socket.disconnect(true);
        }
        return;
      case 'membership.changed':
        if (event.role !== null) return;
        for (const socket of localSockets()) {
          if (socket.data.userId !== event.userId) continue;
          await leaveProject(socket, event.projectId);
          socket.emit('access:revoked', {
            projectId: event.projectId,
            reason: 'removed from project',
          });
        }
        return;
      case 'project.deleted':
        for (const socket of localSockets()) {
          if (!(await leaveProject(socket, event.projectId))) continue;
          socket.emit('access:revoked', { projectId: event.projectId, reason: 'project deleted' });
        }
        return;
      case 'project.renamed':
        return;
      case 'calendar.deleted':
        for (const socket of localSockets()) {
          if (!(event.calendarId in socket.data.calendars)) continue;
          delete socket.data.calendars[event.calendarId];
          await socket.leave(calendarRoom(event.calendarId));
          socket.emit('access:revoked', {
            projectId: event.projectId,
            calendarId: event.calendarId,
            reason: 'calendar deleted',
          });
        }
    }
  }

  const unsubscribe = await platform.bus.subscribe(ACCOUNT_EVENTS_CHANNEL, (message) => {
    const event = parseAccountEvent(message);
    if (event)
      void enforce(event).catch((error: unknown) =>
        platform.logger.error({ err: error }, 'socket.io revocation failed'),
      );
  });

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
      await unsubscribe();
      await io.close();
      for (const client of redisClients) client.disconnect();
    },
  };
}
