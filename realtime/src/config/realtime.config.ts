import { accountsEnvironmentSchema, type AccountsConfig } from '@callboard/accounts';
import {
  loadPlatformConfig,
  parseEnvironment,
  positiveInt,
  type PlatformConfig,
} from '@callboard/platform';
import { z } from 'zod';

export const realtimeEnvironmentSchema = z.object({
  /** Window in ms over which one author's edits to a calendar become one calendar:changed event. */
  REALTIME_CHANGE_COALESCE_MS: positiveInt.default(250),
  /** Largest websocket frame accepted, in bytes; larger frames close the connection with 1009. */
  REALTIME_MAX_FRAME_BYTES: positiveInt.default(1024 * 1024),
  /** Messages per second one /yjs connection may send on average; faster senders are slowed down. */
  REALTIME_MESSAGES_PER_SECOND: positiveInt.default(200),
  /** Messages one /yjs connection may send at once; ten times this many held back closes it with 1008. */
  REALTIME_MESSAGE_BURST: positiveInt.default(1000),
  /** socket.io events one socket may send per second on average; faster ones are refused with rate_limited. */
  REALTIME_SOCKET_EVENTS_PER_SECOND: positiveInt.default(10),
  /** socket.io events one socket may send at once; refusing this many more disconnects it. */
  REALTIME_SOCKET_EVENT_BURST: positiveInt.default(50),
  /** Bytes queued for a client that does not read before it is dropped (it resyncs on reconnect). */
  REALTIME_MAX_BUFFERED_BYTES: positiveInt.default(16 * 1024 * 1024),
  /** Open /yjs connections one user may hold on one instance; the next upgrade gets 429. */
  REALTIME_MAX_CONNECTIONS_PER_USER: positiveInt.default(50),
  /** How often accepted updates are written to Postgres as one batch, in milliseconds. */
  REALTIME_PERSIST_INTERVAL_MS: positiveInt.default(100),
  /** Logged updates of a calendar after which its log is folded into the snapshot. */
  REALTIME_COMPACT_AFTER_UPDATES: positiveInt.default(500),
  /** How long a document stays loaded after its last client leaves, in milliseconds. */
  REALTIME_UNLOAD_AFTER_MS: positiveInt.default(30_000),
  /** How often loaded documents catch up from the Postgres log, in case a bus message was lost. */
  REALTIME_CATCH_UP_INTERVAL_MS: positiveInt.default(1000),
  /** How often open connections' sessions and memberships are checked again, in case an account event was lost. */
  REALTIME_ACCESS_RECHECK_MS: positiveInt.default(60_000),
  /** Window in ms over which a calendar's presence (awareness) changes are relayed as one frame; 0 relays each at once. */
  REALTIME_AWARENESS_BATCH_MS: z.coerce.number().int().min(0).default(50),
  /**
   * How long presence renewals (a state sent again unchanged) may wait to be relayed together, in ms; 0 relays them as changes.
   * At most 5 s: clients renew every 15 to 18 s and drop a state not heard for 30 s.
   */
  REALTIME_AWARENESS_RENEWAL_MS: z.coerce.number().int().min(0).max(5000).default(2000),
  /** Interval of websocket pings; a connection that has not answered the previous one is dropped. */
  REALTIME_HEARTBEAT_MS: positiveInt.default(30_000),
});

export type RealtimeConfig = z.output<typeof realtimeEnvironmentSchema>;

/** A realtime process's settings: the platform's, the accounts', and its own; none of the API's. */
export function loadRealtimeConfig(env: Record<string, string | undefined>): {
  platform: PlatformConfig;
  accounts: AccountsConfig;
  realtime: RealtimeConfig;
} {
  return {
    platform: loadPlatformConfig(env),
    accounts: parseEnvironment(accountsEnvironmentSchema, env),
    realtime: parseEnvironment(realtimeEnvironmentSchema, env),
  };
}
