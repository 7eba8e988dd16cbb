import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AUTH_OPTIONS, type AuthOptions } from '@openbank/auth';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The web console (apps/openbank-console), served at /console as the static files its build wrote
 * to apps/openbank-console/dist, with a Content-Security-Policy of its own: no inline script or
 * style, nothing from another origin but the identity provider it signs in with. The API's own
 * security headers (and its CSP, which Swagger UI needs) stay as they are for every other route.
 *
 * GET /console/config.json tells the console how it may sign in: development tokens (when they
 * are on and this caller may have them) and the OpenID Connect provider (AUTH_ISSUER, with the
 * console's client id AUTH_CONSOLE_CLIENT_ID and scope AUTH_CONSOLE_SCOPE).
 */
export interface ConsoleConfig {
  readonly dev_tokens: boolean;
  readonly roles_claim: string;
  readonly person_claim: string;
  readonly oidc: { readonly issuer: string; readonly client_id: string; readonly scope: string } | null;
}

export interface ConsoleOptions {
  readonly auth: AuthOptions;
  /** The built console (its index.html and assets/); undefined when it has not been built. */
  readonly directory: string | undefined;
  readonly clientId?: string;
  readonly scope?: string;
}

const loopback = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** The build output, found from this file in the sources (apps/openbank/src/http) or in dist/ (dist/apps/openbank/src/http). */
export function builtConsoleDirectory(from = import.meta.dirname): string | undefined {
  for (let directory = from, up = 0; up < 8; directory = dirname(directory), up++) {
    const candidate = join(directory, 'apps', 'openbank-console', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return undefined;
}

/** The console's policy: scripts, styles, fonts and images from OpenBank only; requests to OpenBank and the identity provider. */
export function consoleContentSecurityPolicy(oidcIssuer?: string): string {
  const connect = ["'self'", ...(oidcIssuer ? [new URL(oidcIssuer).origin] : [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function oidcSettings({ auth, clientId, scope }: ConsoleOptions): ConsoleConfig['oidc'] {
  if (!clientId) return null;
  if (!/^https:\/\/|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(auth.issuer)) {
    throw new Error(`AUTH_CONSOLE_CLIENT_ID is set, so AUTH_ISSUER must be the identity provider's issuer URL (https://…), not "${auth.issuer}"`);
  }
  return { issuer: auth.issuer, client_id: clientId, scope: scope || 'openid' };
}

/** Registers the console's routes (one encapsulated plugin: its hooks touch no other route). */
export async function serveConsole(app: NestFastifyApplication, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const options: ConsoleOptions = {
    auth: app.get<AuthOptions>(AUTH_OPTIONS, { strict: false }),
    directory: builtConsoleDirectory(),
    clientId: env.AUTH_CONSOLE_CLIENT_ID?.trim() || undefined,
    scope: env.AUTH_CONSOLE_SCOPE?.trim() || undefined,
  };
  await app.register((fastify: FastifyInstance) => consoleRoutes(fastify, options));
}

export async function consoleRoutes(fastify: FastifyInstance, options: ConsoleOptions): Promise<void> {
  const oidc = oidcSettings(options);
  const policy = consoleContentSecurityPolicy(oidc?.issuer);
  fastify.addHook('onSend', async (_request, reply) => {
    void reply.header('content-security-policy', policy);
  });

  fastify.get('/console/config.json', async (request, reply): Promise<ConsoleConfig> => {
    const { auth } = options;
    void reply.header('cache-control', 'no-cache');
    const mayHaveDevTokens = auth.devTokensFrom === 'anywhere' || loopback.test(request.raw.socket.remoteAddress ?? '');
    return { dev_tokens: auth.devTokens && mayHaveDevTokens, roles_claim: auth.rolesClaim, person_claim: auth.personClaim, oidc };
  });

  const { directory } = options;
  if (directory) {
    // Hashed file names: an asset never changes, so browsers keep it.
    await fastify.register(fastifyStatic, {
      root: join(directory, 'assets'),
      prefix: '/console/assets/',
      decorateReply: false,
      index: false,
      preCompressed: true,
      immutable: true,
      maxAge: '365d',
    });
  }

  // Every other path under /console is a page of the console: index.html, which routes in the browser.
  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    if (/\.[A-Za-z0-9]+$/.test(request.url.split('?')[0]!)) return reply.callNotFound();
    if (!directory) {
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="en"><title>OpenBank console</title><h1>The web console is not built</h1><p>Run <code>npm run build</code> (or <code>npm start</code>, which builds it), then reload.</p></html>',
        );
    }
    return reply
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(await readFile(join(directory, 'index.html')));
  };
  fastify.get('/console', page);
  fastify.get('/console/*', page);
}
