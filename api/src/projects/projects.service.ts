import type { ProjectForMember, ProjectRepository } from '@callboard/db';
import type { AccessService } from '../access/access.service.js';

export class ProjectsService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly access: AccessService,
  ) {}

  create(userId: string, name: string): Promise<ProjectForMember> {
    return this.projects.createWithOwner(name.trim(), userId);
  }

  list(userId: string): Promise<ProjectForMember[]> {
    return this.projects.listForUser(userId);
  }

  get(userId: string, projectId: string): Promise<ProjectForMember> {
    return this.access.project(userId, projectId, 'read');
  }

  async rename(userId: string, projectId: string, name: string): Promise<ProjectForMember> {
    const project = await this.access.project(userId, projectId, 'manage');
    await this.projects.rename(projectId, name.trim());
    return { ...project, name: name.trim() };
  }

  async delete(userId: string, projectId: string): Promise<void> {
    await this.access.project(userId, projectId, 'manage');
    await this.projects.delete(projectId);
  }
}
