export { createRealtimeServer, type RealtimeServer } from './realtime.server.js';
export {
  loadRealtimeConfig,
  realtimeEnvironmentSchema,
  type RealtimeConfig,
} from './config/realtime.config.js';
export type * from './yjs/relay-dependencies.js';
export type { AppliedUpdate, YjsRelay } from './yjs/yjs-relay.js';
export { CLOSE_CODES as YJS_CLOSE_CODES } from '@callboard/domain';
