export * from './test-accounts.js';
export * from '@callboard/platform/testing';
export * from './raw-http.js';
export * from './test-api.js';
