import { MediaQuery } from 'svelte/reactivity';

/**
 * Phone width (the 640 px of app.css): the month shows each day's kinds and opens a day list,
 * and the editor opens as a sheet over the calendar.
 */
export const phoneLayout = new MediaQuery('max-width: 640px');
