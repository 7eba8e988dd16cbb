import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthOptions, RateLimits } from '@openbank/auth';
import type { Environment } from '@openbank/bank';

const minimumSecretLength = 32;

/**
 * Secrets that anyone can read in this repository (the docker-compose demo's, the specs'): a token
 * signed with one of them proves nothing, so production refuses them whatever their length.
 * `published-secrets.spec.ts` keeps this list complete.
 */
export const publishedSecrets: ReadonlySet<string> = new Set([
  'local-demo-secret-change-me-0123456789',
  'DEMO-ONLY-secret-published-in-the-openbank-repository',
  'test-secret-of-at-least-thirty-two-characters',
  'another-secret-of-at-least-thirty-two-chars',
  'reliability-secret-of-at-least-thirty-two-chars',
  'tracing-spec-secret-of-at-least-thirty-two-chars',
  'benchmark-secret-of-at-least-thirty-two-chars',
]);

/**
 * How callers are authenticated. With the embedded stores (local use) development tokens are on
 * by default, signed with a secret kept under DATA_DIR; in production the application refuses to
 * start with development tokens or a weak secret.
 */
export function authSettings(environment: Environment, embeddedStores: boolean): { options: AuthOptions; limits: RateLimits } {
  const production = environment.NODE_ENV === 'production';
  const devTokens = environment.AUTH_DEV_TOKENS ?? (embeddedStores && !production);
  if (production && devTokens) throw new Error('AUTH_DEV_TOKENS must be off in production');
  const secret = environment.AUTH_JWT_SECRET ?? (devTokens && !environment.AUTH_JWKS_URL ? devSecret(environment.DATA_DIR) : undefined);
  if (!secret && !environment.AUTH_JWKS_URL) {
    throw new Error('set AUTH_JWT_SECRET or AUTH_JWKS_URL (or AUTH_DEV_TOKENS=true for local use): the API does not run without authentication');
  }
  if (secret && secret.length < minimumSecretLength && (production || environment.AUTH_JWT_SECRET)) {
    throw new Error(`AUTH_JWT_SECRET must be at least ${minimumSecretLength} characters`);
  }
  if (production && secret && publishedSecrets.has(secret)) {
    throw new Error('AUTH_JWT_SECRET is a secret published in the OpenBank repository: choose your own for production');
  }
  return {
    options: {
      issuer: environment.AUTH_ISSUER,
      audience: environment.AUTH_AUDIENCE,
      ...(secret ? { secret } : {}),
      ...(environment.AUTH_JWKS_URL ? { jwksUrl: environment.AUTH_JWKS_URL } : {}),
      rolesClaim: environment.AUTH_ROLES_CLAIM,
      personClaim: environment.AUTH_PERSON_CLAIM,
      devTokens,
      devTokensFrom: environment.AUTH_DEV_TOKENS_FROM,
    },
    limits: { perIpPerMinute: environment.RATE_LIMIT_PER_IP_PER_MINUTE, perPrincipalPerMinute: environment.RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE },
  };
}

/** A random secret for development tokens, created once and kept with the embedded stores' data. */
export function devSecret(dataDir: string): string {
  const file = join(dataDir, 'dev-jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
