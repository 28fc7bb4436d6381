// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Doc } from 'yjs';

declare global {
  namespace App {}
  /** The calendar document open in this tab (console debugging and end-to-end tests). */
  var callboardDocument: Doc | undefined;
}

export {};
