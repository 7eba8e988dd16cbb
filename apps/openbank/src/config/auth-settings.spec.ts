import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authSettings, publishedSecrets } from './auth-settings.js';
import { validateEnvironment } from '@openbank/bank';

describe('authentication settings', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'openbank-auth-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const strong = randomBytes(32).toString('base64url');
  const settings = (variables: Record<string, string>, embedded = false) => authSettings(validateEnvironment({ DATA_DIR: dataDir, ...variables }), embedded);

  it('turns development tokens on with the embedded stores, with a secret kept under DATA_DIR', () => {
    const { options } = settings({}, true);
    expect(options.devTokens).toBe(true);
    expect(options.secret).toBe(readFileSync(join(dataDir, 'dev-jwt-secret'), 'utf8').trim());
    expect(settings({}, true).options.secret).toBe(options.secret);
  });

  it('refuses to run without any way to verify tokens', () => {
    expect(() => settings({})).toThrow(/AUTH_JWT_SECRET or AUTH_JWKS_URL/);
  });

  it('refuses development tokens and weak secrets in production', () => {
    expect(() => settings({ NODE_ENV: 'production', AUTH_JWT_SECRET: strong, AUTH_DEV_TOKENS: 'true' })).toThrow(/AUTH_DEV_TOKENS must be off/);
    expect(() => settings({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(() => settings({ NODE_ENV: 'production' }, true)).toThrow(/AUTH_JWT_SECRET or AUTH_JWKS_URL/);
    expect(settings({ NODE_ENV: 'production', AUTH_JWT_SECRET: strong }).options).toMatchObject({ devTokens: false, secret: strong });
  });

  it('refuses in production every secret published in the repository, however long', () => {
    for (const secret of publishedSecrets) {
      expect(() => settings({ NODE_ENV: 'production', AUTH_JWT_SECRET: secret })).toThrow(/published in the OpenBank repository/);
      expect(settings({ AUTH_JWT_SECRET: secret }).options.secret).toBe(secret);
    }
  });

  it('issues development tokens to loopback callers only, unless told otherwise', () => {
    expect(settings({}, true).options.devTokensFrom).toBe('loopback');
    expect(settings({ AUTH_DEV_TOKENS_FROM: 'anywhere' }, true).options.devTokensFrom).toBe('anywhere');
    expect(() => settings({ AUTH_DEV_TOKENS_FROM: 'everyone' }, true)).toThrow(/AUTH_DEV_TOKENS_FROM/);
  });

  it('verifies with an identity provider’s keys when AUTH_JWKS_URL is set', () => {
    expect(settings({ AUTH_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json' }).options).toMatchObject({ jwksUrl: 'https://idp.example.com/.well-known/jwks.json', devTokens: false });
  });
});
