import type { ProjectForMember, ProjectRepository } from '@callboard/db';
import type { AccessService, AccountEventFeed } from '@callboard/accounts';
import type { ProjectListCache } from './project-list.cache.js';

export class ProjectsService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly access: AccessService,
    private readonly lists: ProjectListCache,
    private readonly events: AccountEventFeed,
  ) {}

  /** `name` has passed the domain's NameSchema, which trims it. */
  async create(userId: string, name: string): Promise<ProjectForMember> {
    const project = await this.projects.createWithOwner(name, userId);
    await this.events.announce({
      type: 'membership.changed',
      projectId: project.id,
      userId,
      role: 'owner',
    });
    return project;
  }

  list(userId: string): Promise<ProjectForMember[]> {
    return this.lists.read(userId, () => this.projects.listForUser(userId));
  }

  get(userId: string, projectId: string): Promise<ProjectForMember> {
    return this.access.project(userId, projectId, 'readProject');
  }

  /** `name` has passed the domain's NameSchema, which trims it. */
  async rename(userId: string, projectId: string, name: string): Promise<ProjectForMember> {
    const project = await this.access.project(userId, projectId, 'manageProject');
    await this.projects.rename(projectId, name);
    await this.events.announce({ type: 'project.renamed', projectId });
    return { ...project, name };
  }

  async delete(userId: string, projectId: string): Promise<void> {
    await this.access.project(userId, projectId, 'manageProject');
    await this.projects.delete(projectId);
    await this.events.announce({ type: 'project.deleted', projectId });
  }
}
