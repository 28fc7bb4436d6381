import { PROJECT_ROLES } from '@callboard/domain';
import { z } from '@hono/zod-openapi';

/** The domain's roles as an OpenAPI component, so the generated client has the same union. */
export const ProjectRoleSchema = z.enum(PROJECT_ROLES).openapi('ProjectRole');
