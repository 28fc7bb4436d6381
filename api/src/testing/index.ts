export * from './test-accounts.js';
export * from './test-platform.js';
export * from './raw-http.js';
