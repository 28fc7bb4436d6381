import {
  addTestMember,
  createTestCalendar,
  createTestProject,
  registerTestUser,
  type TestUser,
} from '@callboard/api/testing';
import type { TestDatabase } from '@callboard/db/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import { connectSocket } from './socket-io-test-client.js';
import { startRealtimeInstance, type RealtimeInstance } from './socket-io-test-server.js';

export interface SocketIoTestFile {
  instance(): RealtimeInstance;
  /** A socket.io client of `user`, disconnected when the file ends. */
  connect(user: TestUser): Promise<Socket>;
  /** A project with one calendar, its owner, an editor and a viewer, all through the API. */
  production(): Promise<{
    owner: TestUser;
    editor: TestUser;
    viewer: TestUser;
    project: { id: string };
    calendar: { id: string };
  }>;
}

/** One realtime instance (no Redis) per test file on the file's database, with `env` set. */
export function useSocketIoTestFile(
  testDatabase: TestDatabase | null,
  env: Record<string, string>,
): SocketIoTestFile {
  let instance: RealtimeInstance | undefined;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    if (testDatabase)
      instance = await startRealtimeInstance({ databaseUrl: testDatabase.url, redis: null, env });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await instance?.close();
    await testDatabase?.drop();
  });
  return {
    instance: () => instance!,
    connect(user) {
      const { socket, connected } = connectSocket(instance!.url, user.cookie);
      sockets.push(socket);
      return connected;
    },
    async production() {
      const app = instance!.api;
      const owner = await registerTestUser(app, { name: 'Owner Olive' });
      const editor = await registerTestUser(app, { name: 'Editor Ed' });
      const viewer = await registerTestUser(app, { name: 'Viewer Vic' });
      const project = await createTestProject(app, owner);
      await addTestMember(app, owner, project.id, editor, 'editor');
      await addTestMember(app, owner, project.id, viewer, 'viewer');
      const calendar = await createTestCalendar(app, owner, project.id);
      return { owner, editor, viewer, project, calendar };
    },
  };
}
