import * as oauth from 'oauth4webapi';
import type { ConsoleConfig } from './config';

type Oidc = NonNullable<ConsoleConfig['oidc']>;

/** What the browser keeps between leaving for the identity provider and coming back: sessionStorage, never the URL. */
const pendingKey = 'openbank.console.oidc';

export const redirectUri = () => new URL('/console/callback', window.location.origin).toString();

const insecureLocal = (issuer: URL) => issuer.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(issuer.hostname);

async function discover(oidc: Oidc): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(oidc.issuer);
  const options = { algorithm: 'oidc' as const, [oauth.allowInsecureRequests]: insecureLocal(issuer) };
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, options));
}

/** The authorization-code flow with PKCE: off to the identity provider. */
export async function beginSignIn(oidc: Oidc, returnTo: string): Promise<void> {
  const server = await discover(oidc);
  if (!server.authorization_endpoint) throw new Error('the identity provider names no authorization endpoint');
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  sessionStorage.setItem(pendingKey, JSON.stringify({ codeVerifier, state, nonce, returnTo }));
  const url = new URL(server.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: oidc.client_id,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: oidc.scope,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  }).toString();
  window.location.assign(url);
}

/** Back from the identity provider: the code (in the URL, single use, bound to our PKCE verifier) for tokens. */
export async function completeSignIn(oidc: Oidc, callbackUrl: URL): Promise<{ accessToken: string; expiresIn?: number; returnTo: string }> {
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null') as { codeVerifier: string; state: string; nonce: string; returnTo: string } | null;
  sessionStorage.removeItem(pendingKey);
  if (!pending) throw new Error('this sign-in was not started from this tab: start again');
  const server = await discover(oidc);
  const client: oauth.Client = { client_id: oidc.client_id };
  const parameters = oauth.validateAuthResponse(server, client, callbackUrl, pending.state);
  const options = { [oauth.allowInsecureRequests]: insecureLocal(new URL(oidc.issuer)) };
  const response = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), parameters, redirectUri(), pending.codeVerifier, options);
  const tokens = await oauth.processAuthorizationCodeResponse(server, client, response, { expectedNonce: pending.nonce, requireIdToken: true });
  return { accessToken: tokens.access_token, ...(tokens.expires_in !== undefined ? { expiresIn: tokens.expires_in } : {}), returnTo: pending.returnTo };
}
