import { PRESENCE_LIMITS, presenceStateFromSession, type PresenceLimits } from '@callboard/domain';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { LoadedDocument } from './document-registry.js';
import { ProtocolError } from './yjs-protocol.js';

/** An awareness message over a presence limit: nothing of it is applied, and its connection is closed with 1008. */
export class PresenceLimitError extends Error {}

/** `null` as an awareness state's JSON: a tab leaving. */
const NULL_STATE = new TextEncoder().encode('null');

/**
 * Rebuilds an awareness update entry by entry, and copies nothing while every entry goes
 * through as it came: the common message, a tab's own state, passes through untouched. One
 * instance serves every message, as checking one runs to the end without yielding.
 */
class AwarenessRewrite {
  #update: Uint8Array = NULL_STATE;
  /** Where the first entry begins, after the count. */
  #entriesStart = 0;
  #kept = 0;
  /** True while every entry so far was kept as it came. */
  #intact = true;
  /** Where the entries kept before the first change end. */
  #prefixEnd = 0;
  /** The entries kept, once the update has changed and one is kept. */
  #body: encoding.Encoder | null = null;

  begin(update: Uint8Array, entriesStart: number): void {
    this.#update = update;
    this.#entriesStart = entriesStart;
    this.#kept = 0;
    this.#intact = true;
    this.#body = null;
  }

  /** Keeps the entry at [start, end) as it came. */
  keep(start: number, end: number): void {
    this.#kept += 1;
    if (!this.#intact)
      encoding.writeUint8Array(this.#ensureBody(), this.#update.subarray(start, end));
  }

  /** Keeps the entry beginning at `start` with another state (a var-string-encoded JSON). */
  replace(start: number, clientId: number, clock: number, state: Uint8Array): void {
    this.#change(start);
    this.#kept += 1;
    const body = this.#ensureBody();
    encoding.writeVarUint(body, clientId);
    encoding.writeVarUint(body, clock);
    encoding.writeUint8Array(body, state);
  }

  /** Leaves out the entry beginning at `start`. */
  drop(start: number): void {
    this.#change(start);
  }

  /** The update to apply, or null when no entry is left. */
  finish(): Uint8Array | null {
    if (this.#kept === 0) return null;
    if (this.#intact) return this.#update;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, this.#kept);
    encoding.writeUint8Array(encoder, encoding.toUint8Array(this.#ensureBody()));
    return encoding.toUint8Array(encoder);
  }

  #change(start: number): void {
    if (!this.#intact) return;
    this.#intact = false;
    this.#prefixEnd = start;
  }

  #ensureBody(): encoding.Encoder {
    if (this.#body) return this.#body;
    this.#body = encoding.createEncoder();
    encoding.writeUint8Array(
      this.#body,
      this.#update.subarray(this.#entriesStart, this.#prefixEnd),
    );
    return this.#body;
  }
}

/** One entry of an awareness update, read without decoding its state. */
interface Entry {
  start: number;
  clientId: number;
  clock: number;
  /** Where the state's var-string (its length, then its JSON) begins, and where it ends. */
  stateStart: number;
  end: number;
  /** Bytes of the state's JSON. */
  stateBytes: number;
  isNull: boolean;
}

/** The entry being checked and the update being rebuilt, shared by every message. */
const entry: Entry = {
  start: 0,
  clientId: 0,
  clock: 0,
  stateStart: 0,
  end: 0,
  stateBytes: 0,
  isNull: false,
};
const rewrite = new AwarenessRewrite();

/** Reads the next entry of `decoder` into `entry`. */
function readEntry(decoder: decoding.Decoder): void {
  entry.start = decoder.pos;
  entry.clientId = decoding.readVarUint(decoder);
  entry.clock = decoding.readVarUint(decoder);
  entry.stateStart = decoder.pos;
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos)
    throw new ProtocolError('awareness state runs past the end of the message');
  entry.stateBytes = length;
  entry.isNull = length === NULL_STATE.length && bytesEqual(decoder.arr, decoder.pos, NULL_STATE);
  decoder.pos += length;
  entry.end = decoder.pos;
}

/** Whether applying the entry would change anything (as `applyAwarenessUpdate` decides). */
function changesAwareness(awareness: awarenessProtocol.Awareness): boolean {
  const current = awareness.meta.get(entry.clientId)?.clock ?? 0;
  return (
    current < entry.clock ||
    (current === entry.clock && entry.isNull && awareness.states.has(entry.clientId))
  );
}

function bytesEqual(array: Uint8Array, offset: number, other: Uint8Array): boolean {
  if (array.length - offset < other.length) return false;
  for (let i = 0; i < other.length; i++) if (array[offset + i] !== other[i]) return false;
  return true;
}

export interface PresenceGuardOptions {
  /** The signed-in user behind the connection; every state it sends is relayed as theirs. */
  user: { id: string; name: string };
  /** Called once per message that tried to set or clear another user's presence. */
  onForeign(): void;
  limits?: PresenceLimits;
}

/**
 * Checks what one connection sends as presence before it reaches the document: entries that
 * would change nothing (a stock client echoes every state it hears) are left out, another
 * user's client ids are never touched, the caps of PRESENCE_LIMITS hold, and every state
 * carries the session's identity with only the documented fields.
 */
export class PresenceGuard {
  readonly #options: PresenceGuardOptions;
  readonly #limits: PresenceLimits;
  /** Client ids this connection has announced over its life; never more than the cap. */
  readonly #announced = new Set<number>();
  /** The last state JSON sanitised, and what it became: renewals repeat it byte for byte. */
  #lastSent: Uint8Array | null = null;
  #lastRelayed: Uint8Array = NULL_STATE;
  #lastUnchanged = false;

  constructor(options: PresenceGuardOptions) {
    this.#options = options;
    this.#limits = options.limits ?? PRESENCE_LIMITS;
  }

  /**
   * The update to apply for `update` (`update` itself when nothing in it changes), or null
   * when nothing in it would change the document. Throws PresenceLimitError over a cap and
   * ProtocolError on a malformed update, in both cases before anything is applied.
   */
  admit(document: LoadedDocument, update: Uint8Array): Uint8Array | null {
    const limits = this.#limits;
    const userId = this.#options.user.id;
    const decoder = decoding.createDecoder(update);
    const writers = document.clients.size - document.readOnlyClients;
    let localStates = document.awarenessOwners.size;
    let foreign = false;
    try {
      const count = decoding.readVarUint(decoder);
      rewrite.begin(update, decoder.pos);
      for (let i = 0; i < count; i++) {
        readEntry(decoder);
        if (entry.stateBytes > limits.stateBytes)
          throw new PresenceLimitError(`a state over ${limits.stateBytes} bytes`);
        if (!changesAwareness(document.awareness)) {
          rewrite.drop(entry.start);
          continue;
        }
        const owner = document.awarenessUsers.get(entry.clientId);
        if (owner !== undefined && owner !== userId) {
          foreign = true;
          rewrite.drop(entry.start);
          continue;
        }
        if (!this.#announced.has(entry.clientId)) {
          // A refused message closes the connection, so nothing here needs undoing.
          this.#announced.add(entry.clientId);
          if (this.#announced.size > limits.clientIdsPerConnection)
            throw new PresenceLimitError('too many client ids on one connection');
        }
        if (!entry.isNull && !document.awarenessOwners.has(entry.clientId)) {
          localStates += 1;
          if (localStates > writers + limits.spareStatesPerDocument)
            throw new PresenceLimitError('too many states in this calendar');
        }
        const unchanged = entry.isNull || this.#sanitise(decoder);
        // Recorded before applying, which follows at once; a refusal leaves only ids within the cap.
        document.awarenessUsers.set(entry.clientId, userId);
        if (unchanged) rewrite.keep(entry.start, entry.end);
        else rewrite.replace(entry.start, entry.clientId, entry.clock, this.#lastRelayed);
      }
    } catch (error) {
      if (error instanceof ProtocolError || error instanceof PresenceLimitError) throw error;
      throw new ProtocolError(`undecodable awareness update: ${(error as Error).message}`);
    }
    if (decoding.hasContent(decoder))
      throw new ProtocolError('trailing bytes after the awareness update');
    if (foreign) this.#options.onForeign();
    return rewrite.finish();
  }

  /**
   * Sanitises the state of the entry just read into `#lastRelayed`; true when the state goes
   * out as it came. A renewal repeats the last state's bytes and costs one comparison.
   */
  #sanitise(decoder: decoding.Decoder): boolean {
    const { stateStart, end } = entry;
    const last = this.#lastSent;
    if (last && last.length === end - stateStart && bytesEqual(decoder.arr, stateStart, last))
      return this.#lastUnchanged;
    const sent = decoder.arr.subarray(stateStart, end);
    const json = decoding.readVarString(decoding.createDecoder(sent));
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw new ProtocolError('awareness state is not JSON');
    }
    const relayed = JSON.stringify(presenceStateFromSession(this.#options.user, parsed));
    this.#lastUnchanged = relayed === json;
    const rewritten = this.#lastUnchanged
      ? null
      : encoding.encode((encoder) => encoding.writeVarString(encoder, relayed));
    // One buffer for both: every writer's guard holds them for as long as it is connected.
    const kept = new Uint8Array(sent.length + (rewritten?.length ?? 0));
    kept.set(sent);
    if (rewritten) kept.set(rewritten, sent.length);
    this.#lastSent = kept.subarray(0, sent.length);
    this.#lastRelayed = rewritten ? kept.subarray(sent.length) : this.#lastSent;
    return this.#lastUnchanged;
  }
}

/**
 * Awareness for the other instances: each entry's owning user (as this instance recorded
 * it), then the awareness update itself, so the receiver checks ownership without trusting
 * the sender's view of who owns which client id.
 */
export function encodeFanOutAwareness(document: LoadedDocument, clientIds: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clientIds.length);
  for (const id of clientIds)
    encoding.writeVarString(encoder, document.awarenessUsers.get(id) ?? '');
  encoding.writeUint8Array(
    encoder,
    awarenessProtocol.encodeAwarenessUpdate(document.awareness, clientIds),
  );
  return encoding.toUint8Array(encoder);
}

/**
 * The update to apply for awareness another instance relayed, or null when nothing in it
 * would change the document. An entry for a client id another user owns here is left out,
 * and `onForeign` called; the owner of every other entry is recorded. States were sanitised
 * by the instance their connection is on. Throws on a malformed message.
 */
export function admitFanOutAwareness(
  document: LoadedDocument,
  payload: Uint8Array,
  onForeign: () => void,
): Uint8Array | null {
  const decoder = decoding.createDecoder(payload);
  const owners: string[] = [];
  const ownerCount = decoding.readVarUint(decoder);
  for (let i = 0; i < ownerCount; i++) owners.push(decoding.readVarString(decoder));
  const update = payload.subarray(decoder.pos);
  const updateDecoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(updateDecoder);
  if (count !== ownerCount) throw new Error('fan-out awareness owners do not match its entries');
  rewrite.begin(update, updateDecoder.pos);
  let foreign = false;
  for (let i = 0; i < count; i++) {
    readEntry(updateDecoder);
    const owner = owners[i]!;
    const recorded = document.awarenessUsers.get(entry.clientId);
    if (!changesAwareness(document.awareness)) {
      rewrite.drop(entry.start);
    } else if (owner === '' || (recorded !== undefined && recorded !== owner)) {
      foreign = true;
      rewrite.drop(entry.start);
    } else {
      document.awarenessUsers.set(entry.clientId, owner);
      rewrite.keep(entry.start, entry.end);
    }
  }
  if (foreign) onForeign();
  return rewrite.finish();
}
