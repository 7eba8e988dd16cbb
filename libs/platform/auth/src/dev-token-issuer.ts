import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options.js';
import type { Role } from './principal.js';

export interface DevTokenRequest {
  readonly role: Role;
  readonly personId?: string;
  readonly subject?: string;
  readonly ttlSeconds?: number;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

/** Signs HS256 tokens with the configured secret, for local use without an identity provider. */
export async function signDevToken(options: Pick<AuthOptions, 'issuer' | 'audience' | 'secret' | 'rolesClaim' | 'personClaim'>, request: DevTokenRequest): Promise<IssuedToken> {
  if (!options.secret) throw new Error('development tokens need AUTH_JWT_SECRET (HS256)');
  const expiresIn = request.ttlSeconds ?? 3600;
  const subject = request.subject ?? (request.personId ? `customer:${request.personId}` : `${request.role}:dev`);
  const accessToken = await new SignJWT({ [options.rolesClaim]: [request.role], ...(request.personId ? { [options.personClaim]: request.personId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${expiresIn}s`)
    .sign(new TextEncoder().encode(options.secret));
  return { accessToken, expiresIn };
}

@Injectable()
export class DevTokenIssuer {
  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {}

  issue(request: DevTokenRequest): Promise<IssuedToken> {
    return signDevToken(this.options, request);
  }
}
