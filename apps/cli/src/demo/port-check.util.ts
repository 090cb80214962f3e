import { createServer } from 'node:net';
import type { DemoListener } from './demo-settings.util.js';

function canListen(host: string, port: number): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

/**
 * Fails before anything starts when a port is taken (often an earlier demo or a local service), naming the
 * variable that moves it, rather than letting a child die with EADDRINUSE half-way through.
 */
export async function assertPortsFree(listeners: readonly DemoListener[]): Promise<void> {
  for (const { process, variable, host, port } of listeners) {
    const error = await canListen(host, port);
    if (!error) continue;
    const why = error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.code ?? error.message})`;
    throw new Error(
      `Port ${port} on ${host} for the ${process} ${why}. Stop what holds it, or pick another with ${variable}=<port>.`,
    );
  }
}
