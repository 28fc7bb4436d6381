export * from './project-roles.js';
export * from './time-zone.js';
export * from './local-time.js';
export * from './calendar-document.js';
export * from './calendar-views.js';
