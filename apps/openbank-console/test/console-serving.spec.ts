import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AuthOptions } from '@openbank/auth';
import { consoleContentSecurityPolicy, consoleRoutes, type ConsoleOptions } from '../../openbank/src/http/console.js';

/** How the API serves the built console (apps/openbank/src/http/console.ts), on a bare Fastify with a console built for the test. */
describe('the console at /console', () => {
  const auth: AuthOptions = {
    issuer: 'openbank',
    audience: 'openbank-api',
    secret: 'x'.repeat(32),
    rolesClaim: 'roles',
    personClaim: 'person_id',
    devTokens: true,
    devTokensFrom: 'loopback',
  };
  const built = mkdtempSync(join(tmpdir(), 'openbank-console-'));
  const script = 'console.log("the console");'.repeat(50);
  mkdirSync(join(built, 'assets'));
  writeFileSync(join(built, 'index.html'), '<!doctype html><title>OpenBank console</title><script type="module" src="/console/assets/app-1234.js"></script>');
  writeFileSync(join(built, 'assets', 'app-1234.js'), script);
  writeFileSync(join(built, 'assets', 'app-1234.js.gz'), gzipSync(script));
  const servers: FastifyInstance[] = [];
  /** This machine on its network (not loopback), if it has one: a caller from there is not on this machine's loopback. */
  const networkAddress = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

  interface Answer {
    status: number;
    headers: Record<string, string>;
    body: string;
  }

  /** Over a real socket (Fastify's inject needs a module Jest cannot load here). */
  async function get(fastify: FastifyInstance, url: string, { from = '127.0.0.1', headers = {} }: { from?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
    const { port } = fastify.server.address() as { port: number };
    const response = await fetch(`http://${from}:${port}${url}`, { headers, redirect: 'manual' });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  }

  /** A server with the API's own policy on every answer (as configureHttp sets it), and the console's routes. */
  async function server(options: Partial<ConsoleOptions> = {}): Promise<FastifyInstance> {
    const fastify = Fastify();
    servers.push(fastify);
    fastify.addHook('onRequest', async (_request, reply) => {
      void reply.header('content-security-policy', "default-src 'self'; script-src 'self' 'unsafe-inline'");
    });
    fastify.get('/api/v1/example', async () => ({ ok: true }));
    await fastify.register((instance: FastifyInstance) => consoleRoutes(instance, { auth, directory: built, ...options }));
    await fastify.listen({ port: 0, host: '0.0.0.0' });
    return fastify;
  }

  afterAll(async () => {
    await Promise.all(servers.map((fastify) => fastify.close()));
    rmSync(built, { recursive: true, force: true });
  });

  it('answers every page of the console with its index.html, under a policy without inline scripts', async () => {
    const fastify = await server();
    for (const url of ['/console', '/console/', '/console/accounts/4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f', '/console/operations?x=1']) {
      const page = await get(fastify, url);
      expect({ url, status: page.status, type: page.headers['content-type'], cache: page.headers['cache-control'] }).toEqual({
        url,
        status: 200,
        type: 'text/html; charset=utf-8',
        cache: 'no-cache',
      });
      expect(page.body).toContain('<title>OpenBank console</title>');
      expect(page.headers['content-security-policy']).toBe(consoleContentSecurityPolicy());
    }
    expect(consoleContentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    // The API's own policy is left as it is everywhere else.
    expect((await get(fastify, '/api/v1/example')).headers['content-security-policy']).toBe("default-src 'self'; script-src 'self' 'unsafe-inline'");
  });

  it('serves the hashed assets for a year, compressed when the browser accepts it, and nothing that is not there', async () => {
    const fastify = await server();
    const asset = await get(fastify, '/console/assets/app-1234.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.body).toBe(script);
    expect({ status: asset.status, encoding: asset.headers['content-encoding'], cache: asset.headers['cache-control'] }).toEqual({
      status: 200,
      encoding: 'gzip',
      cache: 'public, max-age=31536000, immutable',
    });
    expect(asset.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(asset.headers['content-security-policy']).toBe(consoleContentSecurityPolicy());
    expect((await get(fastify, '/console/assets/app-1234.js', { headers: { 'accept-encoding': 'identity' } })).headers['content-encoding']).toBeUndefined();
    for (const url of ['/console/assets/missing.js', '/console/missing.png', '/console/assets/%2e%2e/index.html']) {
      expect({ url, status: (await get(fastify, url)).status }).toEqual({ url, status: 404 });
    }
  });

  it('tells the console how it may sign in: development tokens for callers on this machine only', async () => {
    const fastify = await server();
    const config = async (fastify: FastifyInstance, from?: string) =>
      JSON.parse((await get(fastify, '/console/config.json', { ...(from ? { from } : {}) })).body) as Record<string, unknown>;
    expect(await config(fastify)).toEqual({ dev_tokens: true, roles_claim: 'roles', person_claim: 'person_id', oidc: null });
    const off = await server({ auth: { ...auth, devTokens: false } });
    expect(await config(off)).toMatchObject({ dev_tokens: false });
    if (!networkAddress) return;
    expect(await config(fastify, networkAddress)).toMatchObject({ dev_tokens: false });
    const anywhere = await server({ auth: { ...auth, devTokensFrom: 'anywhere' } });
    expect(await config(anywhere, networkAddress)).toMatchObject({ dev_tokens: true });
  });

  it('names the identity provider and the console’s client, and lets the console reach the provider and nothing else', async () => {
    const provider = { ...auth, issuer: 'https://login.example.com/realms/openbank', devTokens: false };
    const fastify = await server({ auth: provider, clientId: 'openbank-console', scope: 'openid profile openbank' });
    expect(JSON.parse((await get(fastify, '/console/config.json')).body)).toEqual({
      dev_tokens: false,
      roles_claim: 'roles',
      person_claim: 'person_id',
      oidc: { issuer: 'https://login.example.com/realms/openbank', client_id: 'openbank-console', scope: 'openid profile openbank' },
    });
    expect((await get(fastify, '/console/')).headers['content-security-policy']).toContain("connect-src 'self' https://login.example.com;");
    await expect(server({ clientId: 'openbank-console' })).rejects.toThrow(/AUTH_CONSOLE_CLIENT_ID is set, so AUTH_ISSUER must be the identity provider's issuer URL/);
  });

  it('says how to build the console when it has not been built', async () => {
    const fastify = await server({ directory: undefined });
    const page = await get(fastify, '/console/');
    expect(page.status).toBe(503);
    expect(page.body).toContain('Run <code>npm run build</code>');
    expect((await get(fastify, '/console/config.json')).status).toBe(200);
  });
});
