import type { AccessService } from '@callboard/accounts';
import type { CalendarVersionRepository, CalendarVersionRow } from '@callboard/db';
import {
  diffSchedules,
  documentFromState,
  readScheduleDocument,
  restoreDocument,
  type RevisionColour,
  type ScheduleDiff,
  type ScheduleDocument,
} from '@callboard/domain';
import { NotFoundError } from '@callboard/platform';
import * as Y from 'yjs';
import type { AuditService } from '../audit/audit.service.js';
import type { StoredDocuments } from '../documents/stored-documents.js';
import type { EncodedBody } from '../http/encoded-body.js';

/**
 * A schedule's document as JSON and its named versions: saved, listed, compared and restored.
 * Members read (viewers included); owners and editors save and restore; owners delete.
 */
export class VersionsService {
  constructor(
    private readonly versions: CalendarVersionRepository,
    private readonly documents: StoredDocuments,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    /** VERSIONS_KEEP_AUTOMATIC: automatic versions kept per calendar. */
    private readonly keepAutomatic: number,
  ) {}

  /** The document route's answer, already serialised: `{"document": ScheduleDocument}`. */
  async documentBody(userId: string, calendarId: string): Promise<EncodedBody> {
    await this.access.calendar(userId, calendarId, 'readProject');
    return this.documents.body(calendarId);
  }

  async create(
    userId: string,
    calendarId: string,
    input: { name: string; colour?: RevisionColour | undefined },
  ): Promise<CalendarVersionRow> {
    await this.access.calendar(userId, calendarId, 'saveVersions');
    return this.#save(userId, calendarId, await this.documents.load(calendarId), {
      name: input.name,
      colour: input.colour ?? null,
      automatic: false,
    });
  }

  async list(userId: string, calendarId: string): Promise<CalendarVersionRow[]> {
    await this.access.calendar(userId, calendarId, 'readProject');
    return this.versions.listForCalendar(calendarId);
  }

  async get(
    userId: string,
    versionId: string,
  ): Promise<{ version: CalendarVersionRow; document: ScheduleDocument }> {
    const { state, ...version } = await this.#readable(userId, versionId, 'readProject');
    return { version, document: readScheduleDocument(documentFromState(state)) };
  }

  async delete(userId: string, versionId: string): Promise<void> {
    await this.#readable(userId, versionId, 'deleteVersions');
    await this.versions.delete(versionId);
  }

  /** From a version to another of the same calendar, or to the current document. */
  async diff(userId: string, versionId: string, to: string | 'current'): Promise<ScheduleDiff> {
    const from = await this.#readable(userId, versionId, 'readProject');
    let target: Y.Doc;
    if (to === 'current') target = await this.documents.load(from.calendarId);
    else {
      const other = await this.versions.find(to);
      // A version of another calendar is answered like an unknown one.
      if (!other || other.calendarId !== from.calendarId) throw new NotFoundError('Version');
      target = documentFromState(other.state);
    }
    return diffSchedules(
      readScheduleDocument(documentFromState(from.state)),
      readScheduleDocument(target),
    );
  }

  /**
   * Makes the live document equal to the version as one new change in the log, after saving
   * the current state as an automatic version (which restores it back).
   */
  async restore(
    userId: string,
    versionId: string,
  ): Promise<{ restored: CalendarVersionRow; before: CalendarVersionRow }> {
    const version = await this.#readable(userId, versionId, 'restoreVersions');
    const live = await this.documents.copy(version.calendarId);
    const before = await this.#save(userId, version.calendarId, live, {
      name: `Before restoring “${version.name}”`,
      colour: null,
      automatic: true,
    });
    const update = restoreDocument(live, documentFromState(version.state));
    if (update) await this.documents.append(version.calendarId, update);
    await this.versions.pruneAutomatic(version.calendarId, this.keepAutomatic);
    await this.audit.record({
      action: 'calendar.version.restored',
      actorUserId: userId,
      subject: version.calendarId,
      detail: { versionId, before: before.id, changed: update !== null },
    });
    const { state: _state, ...restored } = version;
    return { restored, before };
  }

  async #save(
    userId: string,
    calendarId: string,
    doc: Y.Doc,
    input: { name: string; colour: string | null; automatic: boolean },
  ): Promise<CalendarVersionRow> {
    return this.versions.create({
      calendarId,
      ...input,
      state: Y.encodeStateAsUpdate(doc),
      stateVector: Y.encodeStateVector(doc),
      createdBy: userId,
    });
  }

  /** The version with its state, once the user may act on its calendar; 404 for anyone else. */
  async #readable(
    userId: string,
    versionId: string,
    capability: Parameters<AccessService['calendar']>[2],
  ) {
    const calendarId = await this.versions.calendarOf(versionId);
    if (!calendarId) throw new NotFoundError('Version');
    await this.access.calendar(userId, calendarId, capability);
    const version = await this.versions.find(versionId);
    if (!version) throw new NotFoundError('Version');
    return version;
  }
}
