import type { IncomingMessage, ServerResponse } from 'node:http';

/** The adapter-node request handler of the built app (build/handler.js). */
export declare const handler: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
