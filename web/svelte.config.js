import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // Absolute asset URLs: the service worker serves one cached shell for every page offline.
    paths: { relative: false },
  },
  compilerOptions: { runes: true },
};

export default config;
