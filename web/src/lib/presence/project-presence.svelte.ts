import { io, type Socket } from 'socket.io-client';

/** Someone who may edit, where they are (docs/realtime-protocol.md, socket.io `presence`). */
export interface PresentMember {
  userId: string;
  name: string;
  calendarId: string | null;
  editing: string | null;
}

interface PresencePayload {
  projectId: string;
  members: PresentMember[];
  /** Read-only followers: counted, never named. */
  viewers: number;
}

/**
 * Who is looking at a project right now, over socket.io: owners and editors by name, viewers
 * as a count. A writer also says which calendar it has open.
 */
export class ProjectPresence {
  members = $state<PresentMember[]>([]);
  viewers = $state(0);

  readonly #socket: Socket;
  readonly #cleanups: (() => void)[] = [];

  constructor(
    readonly projectId: string,
    place: { calendarId: string | null; canWrite: boolean },
  ) {
    // WebSocket only: a long-poll in flight when the signal drops would fail in the console.
    this.#socket = io({ autoConnect: false, transports: ['websocket'] });
    this.#socket.on('connect', () => {
      this.#socket.emit('project:follow', { projectId }, () => {
        // Viewers may not announce a place (the server answers `forbidden`): they are counted.
        if (place.canWrite) {
          this.#socket.emit('presence:set', { projectId, calendarId: place.calendarId });
        }
      });
    });
    this.#socket.on('presence', (payload: PresencePayload) => {
      if (payload.projectId !== projectId) return;
      this.members = payload.members;
      this.viewers = payload.viewers;
    });
    // Offline, retries would only fill the console: follow the browser, as the calendar does.
    const goOffline = () => this.#socket.disconnect();
    const goOnline = () => this.#socket.connect();
    addEventListener('offline', goOffline);
    addEventListener('online', goOnline);
    this.#cleanups.push(() => {
      removeEventListener('offline', goOffline);
      removeEventListener('online', goOnline);
    });
    if (navigator.onLine) this.#socket.connect();
  }

  destroy(): void {
    for (const cleanup of this.#cleanups) cleanup();
    this.#socket.disconnect();
  }
}
