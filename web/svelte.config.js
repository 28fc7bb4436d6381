import { contentSecurityPolicyDirectives } from '@callboard/domain';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // Absolute asset URLs: the service worker serves one cached shell for every page offline.
    paths: { relative: false },
    // Hashes, not nonces: the service worker replays the cached shell offline, and a hash
    // stays true of it where a per-response nonce would be reused.
    csp: { mode: 'hash', directives: contentSecurityPolicyDirectives },
  },
  compilerOptions: { runes: true },
};

export default config;
