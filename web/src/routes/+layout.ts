// The app renders in the browser: the editor lives on IndexedDB and websockets, and one
// client-rendered shell is what the service worker serves on a set with no signal.
export const ssr = false;
export const prerender = false;
