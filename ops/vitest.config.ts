// Shared by every backend package; see vitest.package.ts at the repository root.
export { default } from '../vitest.package.js';
