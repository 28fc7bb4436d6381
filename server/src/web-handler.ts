import type { IncomingMessage, ServerResponse } from 'node:http';

export type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Loads the SvelteKit app built by adapter-node. Imported lazily so the API and realtime
 * tiers still start (and say why) when the web build is missing.
 */
export async function loadWebHandler(): Promise<WebHandler | null> {
  try {
    const module = (await import('@callboard/web/handler')) as { handler: WebHandler };
    return module.handler;
  } catch {
    return null;
  }
}
