export { buildApiApp, openApiInfo } from './api.app.js';
export {
  loadApiConfig,
  apiEnvironmentSchema,
  type ApiConfig,
  type ApiSettings,
} from './config/api.config.js';
export { createApiServices, type ApiServices } from './api-services.js';
export type { ApiEnv } from './http/api-env.js';
