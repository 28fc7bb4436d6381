import {
  checkDocumentUpdate,
  DOCUMENT_LIMITS,
  type DecodedUpdate,
  type DocumentLimit,
} from '@callboard/domain';
import * as Y from 'yjs';
import { TokenBucket } from './connection-limits.js';
import type { LoadedDocument } from './document-registry.js';

const MINUTE_MS = 60_000;

/** Bytes of updates each user may send to this instance, refilled over a minute. */
export class UserUpdateBudget {
  readonly #buckets = new Map<string, { bucket: TokenBucket; usedAt: number }>();
  #sweptAt: number;

  constructor(
    private readonly bytesPerMinute: number = DOCUMENT_LIMITS.userBytesPerMinute,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#sweptAt = now();
  }

  /** Spends `bytes` of the user's budget; false, spending nothing, when too little is left. */
  take(userId: string, bytes: number): boolean {
    const now = this.now();
    this.#sweep(now);
    let entry = this.#buckets.get(userId);
    if (!entry) {
      const bucket = new TokenBucket(this.bytesPerMinute / 60, this.bytesPerMinute, this.now);
      this.#buckets.set(userId, (entry = { bucket, usedAt: now }));
    }
    entry.usedAt = now;
    return entry.bucket.take(bytes);
  }

  #sweep(now: number): void {
    if (now - this.#sweptAt < MINUTE_MS) return;
    this.#sweptAt = now;
    // A bucket unused for a minute is full again, so forgetting it changes nothing.
    for (const [userId, entry] of this.#buckets) {
      if (now - entry.usedAt >= MINUTE_MS) this.#buckets.delete(userId);
    }
  }
}

export type UpdateAdmission =
  | { action: 'apply'; update: Uint8Array }
  /** Builds on content its sender has not sent yet (its sync step 2 is still on the way). */
  | { action: 'hold' }
  | { action: 'refuse'; limit: DocumentLimit | 'userBytesPerMinute'; path: string };

/**
 * One writer's updates checked against the document limits (docs/document-schema.md) before
 * they are applied. An update that builds on content the server lacks (typed while the
 * client's sync step 2 is on its way) is held, as Yjs would hold it, and checked again once
 * that content is in, so nothing reaches the document unchecked.
 */
export class UpdateGuard {
  #held: Uint8Array | null = null;

  constructor(
    private readonly userId: string | null,
    private readonly budget: UserUpdateBudget,
  ) {}

  /** `decoded`: the update as Y.decodeUpdate read it, when the caller has it already. */
  admit(document: LoadedDocument, received: Uint8Array, decoded?: DecodedUpdate): UpdateAdmission {
    const check = checkWithin(document, received, decoded);
    if (check.status === 'refuse') return refusal(check);
    const deletesOnly = check.status === 'accept' && check.deletesOnly;
    if (!deletesOnly && this.userId && !this.budget.take(this.userId, received.byteLength)) {
      return { action: 'refuse', limit: 'userBytesPerMinute', path: 'user' };
    }
    if (check.status === 'accept') return { action: 'apply', update: received };
    const held = this.#held ? Y.mergeUpdates([this.#held, received]) : received;
    if (held.byteLength > DOCUMENT_LIMITS.updateBytes)
      return refusal({ limit: 'updateBytes', path: 'update' });
    this.#held = held;
    return this.next(document) ?? { action: 'hold' };
  }

  /** After an update was applied: the held one, if it is complete now; null if none. */
  next(document: LoadedDocument): UpdateAdmission | null {
    if (!this.#held) return null;
    const check = checkWithin(document, this.#held);
    if (check.status === 'incomplete') return null;
    const update = this.#held;
    this.#held = null;
    return check.status === 'refuse' ? refusal(check) : { action: 'apply', update };
  }
}

function refusal(check: { limit: DocumentLimit; path: string }): UpdateAdmission {
  return { action: 'refuse', limit: check.limit, path: check.path };
}

function checkWithin(document: LoadedDocument, update: Uint8Array, decoded?: DecodedUpdate) {
  const check = checkDocumentUpdate(document.doc, update, {
    documentBytes: document.encodedBytes,
    decoded,
  });
  if (check.status !== 'refuse' || check.limit !== 'documentBytes') return check;
  // The running count only grows (deletions and overwrites shrink the real size): measure first.
  document.encodedBytes = Y.encodeStateAsUpdate(document.doc).byteLength;
  return checkDocumentUpdate(document.doc, update, {
    documentBytes: document.encodedBytes,
    decoded,
  });
}
