import type { SubscriptionHost } from '@openbank/projections';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * GET /health for a container's health check: 200 while every consumer of this projector is
 * consuming (or on standby for a group another projector holds), 503 while one reconnects.
 */
export function serveProjectorHealth(host: SubscriptionHost, port: number, hostAddress: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/health') {
      response.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 404, title: 'Not Found', code: 'NOT_FOUND' }));
      return;
    }
    const consumers = Object.fromEntries(host.groupNames().map((group) => [group, host.consumerState(group) ?? 'stopped']));
    const ok = Object.values(consumers).every((state) => state === 'consuming' || state === 'standby');
    response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ status: ok ? 'ok' : 'error', consumers }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostAddress, () => resolve(server));
  });
}

export function urlOf(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}
