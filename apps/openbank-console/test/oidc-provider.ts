import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the provider saw of one sign-in, for the spec to check. */
export interface SignInSeen {
  readonly authorize: URLSearchParams;
  token?: URLSearchParams;
}

export interface OidcProvider {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly signIns: SignInSeen[];
  close(): Promise<void>;
}

/**
 * A minimal OpenID Connect provider for the browser specs: discovery, an authorization endpoint
 * that signs in `user` at once, a token endpoint that checks the PKCE verifier, and its JWKS.
 * Access tokens are RS256 JWTs for `audience` with the user's roles, as a real provider would be
 * configured to issue.
 */
export async function startOidcProvider({ clientId, audience, user }: { clientId: string; audience: string; user: { sub: string; roles: string[] } }): Promise<OidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, SignInSeen>();
  const signIns: SignInSeen[] = [];
  let issuer = '';

  const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store', ...headers });
    response.end(JSON.stringify(body));
  };
  const sign = (claims: Record<string, unknown>, aud: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(issuer)
      .setAudience(aud)
      .setSubject(user.sub)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', issuer);
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST' });
      response.end();
      return;
    }
    if (url.pathname === '/.well-known/openid-configuration') {
      send(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
      return;
    }
    if (url.pathname === '/jwks') {
      send(response, 200, { keys: [jwk] });
      return;
    }
    if (url.pathname === '/authorize') {
      const parameters = url.searchParams;
      if (parameters.get('client_id') !== clientId || parameters.get('response_type') !== 'code' || parameters.get('code_challenge_method') !== 'S256') {
        send(response, 400, { error: 'invalid_request' });
        return;
      }
      const code = randomUUID();
      const seen: SignInSeen = { authorize: parameters };
      codes.set(code, seen);
      signIns.push(seen);
      const back = new URL(parameters.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', parameters.get('state')!);
      back.searchParams.set('iss', issuer);
      response.writeHead(302, { location: back.toString() });
      response.end();
      return;
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      let body = '';
      for await (const chunk of request) body += chunk;
      const form = new URLSearchParams(body);
      const seen = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const challenge =
        seen &&
        createHash('sha256')
          .update(form.get('code_verifier') ?? '')
          .digest('base64url');
      if (
        !seen ||
        form.get('grant_type') !== 'authorization_code' ||
        challenge !== seen.authorize.get('code_challenge') ||
        form.get('redirect_uri') !== seen.authorize.get('redirect_uri')
      ) {
        send(response, 400, { error: 'invalid_grant' });
        return;
      }
      seen.token = form;
      send(response, 200, {
        access_token: await sign({ roles: user.roles }, audience),
        id_token: await sign({ nonce: seen.authorize.get('nonce') }, clientId),
        token_type: 'Bearer',
        expires_in: 3600,
      });
      return;
    }
    send(response, 404, { error: 'not_found' });
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    signIns,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
