import { sveltekit } from '@sveltejs/kit/vite';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';

// Workspace packages resolve to their TypeScript sources under this condition.
const workspaceSource = 'callboard-source';

export default defineConfig({
  plugins: [sveltekit()],
  resolve: { conditions: [workspaceSource, ...defaultClientConditions] },
  ssr: {
    resolve: {
      conditions: [workspaceSource, ...defaultServerConditions],
      externalConditions: [workspaceSource],
    },
  },
  server: {
    // `npm run dev`: the web dev server forwards the API and websockets to the combined server.
    proxy: {
      '/api': 'http://localhost:3000',
      '/yjs': { target: 'ws://localhost:3000', ws: true },
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
