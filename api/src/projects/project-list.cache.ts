import type { ProjectForMember } from '@callboard/db';
import type { AccountEventFeed } from '@callboard/accounts';

/**
 * Each user's project list, remembered briefly so the app's home page costs no database read
 * per load. Any change announced on the bus (by any instance) drops the affected entries at
 * once; the short lifetime bounds staleness if a bus message is ever lost.
 */
export class ProjectListCache {
  readonly #entries = new Map<string, { projects: ProjectForMember[]; cachedAt: number }>();
  /** Bumped by every eviction, so a read that raced a change is not cached. */
  #generation = 0;

  constructor(
    events: AccountEventFeed,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 20_000,
  ) {
    events.onEvent((event) => {
      if (event.type === 'membership.changed') this.evictUser(event.userId);
      if (event.type === 'project.renamed' || event.type === 'project.deleted')
        this.evictProject(event.projectId);
    });
    events.onMissedEvents(() => this.clear());
  }

  async read(userId: string, load: () => Promise<ProjectForMember[]>): Promise<ProjectForMember[]> {
    const now = Date.now();
    const cached = this.#entries.get(userId);
    if (cached && now - cached.cachedAt < this.ttlMs) return cached.projects;
    const generation = this.#generation;
    const projects = await load();
    if (generation === this.#generation) {
      if (this.#entries.size >= this.maxEntries) this.#entries.clear();
      this.#entries.set(userId, { projects, cachedAt: now });
    }
    return projects;
  }

  evictUser(userId: string): void {
    this.#generation++;
    this.#entries.delete(userId);
  }

  evictProject(projectId: string): void {
    this.#generation++;
    for (const [userId, entry] of this.#entries)
      if (entry.projects.some((project) => project.id === projectId)) this.#entries.delete(userId);
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }
}
