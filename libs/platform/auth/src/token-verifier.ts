import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options.js';
import { roles as knownRoles, type AuthenticatedPrincipal, type Role } from './principal.js';

/** A token that was missing, malformed, expired, for another audience or badly signed: 401. */
export class InvalidToken extends UnauthorizedException {
  constructor(reason: string) {
    super({ code: 'INVALID_TOKEN', message: reason });
  }
}

/** Verifies bearer JWTs: signature (HS256 secret or the provider's JWKS), issuer, audience, expiry. */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  /** A client sends the same token many times; a verified one is trusted until it expires. */
  private readonly verified = new LRUCache<string, AuthenticatedPrincipal>({ max: 10_000 });

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {
    if (options.jwksUrl) this.key = createRemoteJWKSet(new URL(options.jwksUrl));
    else if (options.secret) this.key = new TextEncoder().encode(options.secret);
    else throw new Error('authentication needs AUTH_JWT_SECRET or AUTH_JWKS_URL');
  }

  async verify(token: string): Promise<AuthenticatedPrincipal> {
    const known = this.verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: this.options.jwksUrl ? undefined : ['HS256'],
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw new InvalidToken(error instanceof errors.JWTExpired ? 'the token has expired' : 'the token is not valid for this API');
    }
    const principal = this.principalOf(payload);
    this.verified.set(token, principal, { ttl: Math.max(1, payload.exp! * 1000 - Date.now()) });
    return principal;
  }

  private principalOf(payload: JWTPayload): AuthenticatedPrincipal {
    const claimed = payload[this.options.rolesClaim];
    // A list, or one role on its own. A space-separated string is refused rather than split: that
    // is how scopes are written, and a claim meant as one name must never grant several roles.
    if (typeof claimed === 'string' && /\s/.test(claimed)) throw new InvalidToken(`the ${this.options.rolesClaim} claim must be a list of roles`);
    const names = Array.isArray(claimed) ? claimed : typeof claimed === 'string' ? [claimed] : [];
    const granted = names.filter((name): name is Role => (knownRoles as readonly string[]).includes(name));
    const personId = payload[this.options.personClaim];
    if (granted.length === 0) throw new InvalidToken('the token grants no role of this API');
    if (granted.includes('customer') && typeof personId !== 'string') throw new InvalidToken('a customer token must name its person');
    return { id: payload.sub!, roles: granted, ...(typeof personId === 'string' ? { personId } : {}) };
  }
}
