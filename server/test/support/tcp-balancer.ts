import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpBalancer {
  url: string;
  /** Connections open to each backend port now. */
  openTo(port: number): number;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy spreading connections over backends, as the production proxy spreads
 * /yjs: each new connection goes to the backend with the fewest open ones, and a backend that
 * refuses (restarting) is skipped for the next. A backend's exit closes its connections here too.
 */
export async function startTcpBalancer(backendPorts: readonly number[]): Promise<TcpBalancer> {
  const open = new Map(backendPorts.map((port) => [port, 0]));
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const connect = (client: net.Socket, tried: Set<number>) => {
    const candidates = backendPorts.filter((port) => !tried.has(port));
    if (candidates.length === 0) return void client.destroy();
    const port = candidates.reduce((a, b) => (open.get(b)! < open.get(a)! ? b : a));
    tried.add(port);
    const upstream = net.connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      open.set(port, open.get(port)! + 1);
      track(upstream);
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.once('error', () => {
      if (!connected) connect(client, tried);
      else client.destroy();
    });
    upstream.once('close', () => {
      if (!connected) return;
      open.set(port, open.get(port)! - 1);
      client.destroy();
    });
    client.once('close', () => upstream.destroy());
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    track(client);
    client.on('error', () => undefined);
    connect(client, new Set());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    openTo: (port) => open.get(port) ?? 0,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
