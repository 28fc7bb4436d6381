import { nextRevisionColour, type RevisionColour, type ScheduleDiff } from '@callboard/domain';
import { createApiClient, unwrap, type ApiClient } from '$lib/api/api-client';
import { userMessage } from '$lib/errors/api-error';
import type { components } from '$lib/api/schema';

export type Version = components['schemas']['Version'];

/**
 * A schedule's named versions as the versions panel shows them: the list, the comparison of
 * one with the current schedule, and the last restore, which can be undone by restoring the
 * automatic version the server took just before it.
 */
export class ScheduleVersions {
  versions = $state<Version[]>([]);
  loading = $state(false);
  /** The sentence shown when the last action failed. */
  error = $state<string | null>(null);
  /** The version compared with the current schedule, and what differs. */
  comparison = $state<{ version: Version; diff: ScheduleDiff } | null>(null);
  /** The last restore: what was restored and the automatic version that undoes it. */
  lastRestore = $state<{ restored: Version; before: Version } | null>(null);

  readonly #api: ApiClient;

  constructor(
    readonly calendarId: string,
    api: ApiClient = createApiClient(),
  ) {
    this.#api = api;
  }

  /** The revision colour offered next: the one after the newest named version's. */
  get nextColour(): RevisionColour {
    const latest = this.versions.find((version) => !version.automatic && version.colour);
    return nextRevisionColour(latest?.colour ?? null);
  }

  refresh(): Promise<boolean> {
    return this.#run(async () => {
      const { versions } = await unwrap(
        this.#api.GET('/api/calendars/{calendarId}/versions', {
          params: { path: { calendarId: this.calendarId } },
        }),
      );
      this.versions = versions;
    });
  }

  save(name: string, colour: RevisionColour | null): Promise<boolean> {
    return this.#run(async () => {
      const { version } = await unwrap(
        this.#api.POST('/api/calendars/{calendarId}/versions', {
          params: { path: { calendarId: this.calendarId } },
          body: colour ? { name, colour } : { name },
        }),
      );
      this.versions = [version, ...this.versions];
    });
  }

  compare(version: Version): Promise<boolean> {
    return this.#run(async () => {
      const { diff } = await unwrap(
        this.#api.GET('/api/versions/{versionId}/diff', {
          params: { path: { versionId: version.id }, query: { to: 'current' } },
        }),
      );
      this.comparison = { version, diff };
    });
  }

  restore(version: Version): Promise<boolean> {
    return this.#run(async () => {
      const result = await unwrap(
        this.#api.POST('/api/versions/{versionId}/restore', {
          params: { path: { versionId: version.id } },
        }),
      );
      this.lastRestore = result;
      this.comparison = null;
      await this.refresh();
    });
  }

  /** Puts the schedule back as it was just before the last restore. */
  async undoRestore(): Promise<boolean> {
    const last = this.lastRestore;
    if (!last) return false;
    const done = await this.restore(last.before);
    if (done) this.lastRestore = null;
    return done;
  }

  remove(version: Version): Promise<boolean> {
    return this.#run(async () => {
      await unwrap(
        this.#api.DELETE('/api/versions/{versionId}', {
          params: { path: { versionId: version.id } },
        }),
      );
      this.versions = this.versions.filter((v) => v.id !== version.id);
      if (this.comparison?.version.id === version.id) this.comparison = null;
    });
  }

  async #run(action: () => Promise<void>): Promise<boolean> {
    this.loading = true;
    this.error = null;
    try {
      await action();
      return true;
    } catch (error) {
      this.error = userMessage(error);
      return false;
    } finally {
      this.loading = false;
    }
  }
}
