import type { HttpBindings } from '@hono/node-server';

/** Per-request values every app's middleware sets. */
export interface PlatformVariables {
  requestId: string;
  clientIp: string;
}

/** A Hono env: the platform's request values plus an app's own (the API adds the session). */
export interface AppEnv<V extends object = object> {
  Variables: PlatformVariables & V;
  /** The Node request and response under @hono/node-server; absent under `app.request()`. */
  Bindings: Partial<HttpBindings> | undefined;
}
