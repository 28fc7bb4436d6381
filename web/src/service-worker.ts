/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

// Caches the app shell, the same for everyone, so every page opens on a set with no signal.
// What a page shows offline is per user and lives where sign-out deletes it: documents in
// IndexedDB (y-indexeddb), the last known projects and calendar details in localStorage
// (lib/offline/last-known.ts). The API is never served from this cache.
const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `callboard-shell-${version}`;
const SHELL = '/';
const ASSETS = [...build, ...files, SHELL];

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))),
      )
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin) return;
  if (
    url.pathname.startsWith('/api/') ||
    url.pathname.startsWith('/yjs') ||
    url.pathname.startsWith('/socket.io')
  )
    return;

  if (url.pathname === '/_app/version.json') {
    // SvelteKit asks after every failed page whether a newer app is out; offline, the one
    // cached is the newest there is.
    event.respondWith(fetch(request).catch(() => Response.json({ version })));
    return;
  }
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
    return;
  }
  if (request.mode === 'navigate') {
    // Every page is the same client-rendered shell: network first, the cached shell offline.
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(SHELL)) ?? Response.error()),
    );
  }
});
