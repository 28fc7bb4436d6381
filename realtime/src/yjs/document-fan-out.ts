import type { EventBus, Logger } from '@callboard/platform';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RelayMetrics } from './relay-metrics.js';

/** What travels between instances for one calendar. */
export type FanOutKind = 'update' | 'awareness';

/** Awareness is 2: it carries each entry's owner (see awareness-guard.ts); 1, without owners, is refused. */
const KIND_CODES: Record<FanOutKind, number> = { update: 0, awareness: 2 };

export interface FanOutOptions {
  bus: EventBus;
  /** Unique per process; an instance ignores the messages it published itself. */
  instanceId: string;
  logger: Logger;
  metrics: RelayMetrics;
}

export function fanOutChannel(calendarId: string): string {
  return `yjs:${calendarId}`;
}

/**
 * Carries updates and awareness of a calendar to every other instance that has it loaded,
 * on one bus channel per calendar (Redis pub/sub, or in-process without Redis). Delivery is
 * at most once; DocumentCatchUp repairs whatever is lost from the Postgres log.
 */
export class DocumentFanOut {
  readonly #options: FanOutOptions;
  /** How every message this instance publishes begins: its id, as encoded on the wire. */
  readonly #ownPrefix: Uint8Array;
  /** Test hook: messages published while this returns true are silently dropped. */
  dropOutgoing: () => boolean = () => false;

  constructor(options: FanOutOptions) {
    this.#options = options;
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, options.instanceId);
    this.#ownPrefix = encoding.toUint8Array(encoder);
  }

  subscribe(
    calendarId: string,
    handler: (kind: FanOutKind, payload: Uint8Array) => void,
  ): Promise<() => Promise<void>> {
    return this.#options.bus.subscribe(fanOutChannel(calendarId), (message) => {
      // The bus hands every publisher its own messages back: skip them before decoding.
      if (typeof message === 'string' || startsWith(message, this.#ownPrefix)) return;
      let decoded: { instanceId: string; kind: FanOutKind; sentAt: number; payload: Uint8Array };
      try {
        decoded = decodeFanOutMessage(message);
      } catch (error) {
        this.#options.logger.warn(
          { err: error, calendarId },
          'yjs fan-out: undecodable bus message ignored',
        );
        return;
      }
      this.#options.metrics.fanOutDelaySeconds.observe(
        Math.max(0, Date.now() - decoded.sentAt) / 1000,
      );
      handler(decoded.kind, decoded.payload);
    });
  }

  publish(calendarId: string, kind: FanOutKind, payload: Uint8Array): void {
    if (this.dropOutgoing()) return;
    const channel = fanOutChannel(calendarId);
    // On the in-process bus the only listener is usually this instance itself (one process,
    // one relay): then there is nobody to tell, and nothing to encode.
    if ((this.#options.bus.audience(channel) ?? Infinity) <= 1) return;
    const message = encodeFanOutMessage(this.#options.instanceId, kind, payload);
    this.#options.bus.publish(channel, message).catch((error: unknown) => {
      // Expected while Redis is down; catch-up from Postgres covers the gap.
      this.#options.logger.debug({ err: error, calendarId }, 'yjs fan-out: publish failed');
    });
  }
}

function startsWith(message: Uint8Array, prefix: Uint8Array): boolean {
  if (message.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (message[i] !== prefix[i]) return false;
  return true;
}

export function encodeFanOutMessage(
  instanceId: string,
  kind: FanOutKind,
  payload: Uint8Array,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, instanceId);
  encoding.writeVarUint(encoder, KIND_CODES[kind]);
  encoding.writeFloat64(encoder, Date.now());
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function decodeFanOutMessage(message: Uint8Array): {
  instanceId: string;
  kind: FanOutKind;
  sentAt: number;
  payload: Uint8Array;
} {
  const decoder = decoding.createDecoder(message);
  const instanceId = decoding.readVarString(decoder);
  const code = decoding.readVarUint(decoder);
  const kind =
    code === KIND_CODES.update ? 'update' : code === KIND_CODES.awareness ? 'awareness' : null;
  if (!kind) throw new Error(`unknown fan-out kind ${code}`);
  const sentAt = decoding.readFloat64(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  return { instanceId, kind, sentAt, payload };
}
