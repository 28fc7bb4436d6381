// Hocuspocus 3.x with its defaults (no persistence extension), as its README starts it.
import { Server } from '@hocuspocus/server';

const server = new Server({ port: Number(process.argv[2]), address: '127.0.0.1', quiet: true });
await server.listen();
process.send?.('listening');
// Exits on SIGTERM rather than dying of it, so that --cpu-prof (BENCH_CPU_PROF) writes its profile.
process.on('SIGTERM', () => process.exit(0));
