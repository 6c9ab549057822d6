/**
 * A TCP pass-through in front of the emulator that counts the connections clients open, so the
 * benchmarks can check that the provider process reuses keep-alive connections (one agent per
 * process, src/core/http.ts) rather than opening one per request.
 */
import * as net from "node:net";

export interface ConnectionCounter {
  /** The emulator's env with every URL pointing at this pass-through instead. */
  env: Record<string, string>;
  /** Connections opened since the last reset. */
  opened(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function countConnections(target: {
  url: string;
  env: Record<string, string>;
}): Promise<ConnectionCounter> {
  const { hostname, port } = new URL(target.url);
  let opened = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    opened += 1;
    const upstream = net.connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxyUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  const env = Object.fromEntries(
    Object.entries(target.env).map(([key, value]) => [key, value.split(target.url).join(proxyUrl)]),
  );
  return {
    env,
    opened: () => opened,
    reset: () => {
      opened = 0;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
