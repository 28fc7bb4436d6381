export * from './server-process.js';
export * from './yjs-client.js';
export * from './remote-app.js';
