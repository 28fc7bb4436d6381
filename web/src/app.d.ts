// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Doc } from 'yjs';
import type { ViewLocation } from '$lib/calendar/views/view-location';

declare global {
  namespace App {
    interface PageState {
      /** The calendar view and period of a history entry made by the calendar page. */
      calendarView?: ViewLocation;
    }
  }
  /** The calendar document open in this tab (console debugging and end-to-end tests). */
  var callboardDocument: Doc | undefined;
}

export {};
