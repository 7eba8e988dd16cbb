import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessDeclarationsCheck } from './access-declarations.check.js';
import { AccessGuard } from './access.guard.js';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options.js';
import { DevTokenIssuer } from './dev-token-issuer.js';
import { DevTokensHttpController } from './dev-tokens.http.controller.js';
import { IpRateLimitGuard, PrincipalRateLimitGuard, RATE_LIMITS, RateLimiters, type RateLimits } from './rate-limits.js';
import { TokenVerifier } from './token-verifier.js';

/**
 * Who is calling, and may they: bearer JWTs, the access policy of every route, rate limits per
 * address and per principal (counted in MongoDB, shared by every API instance on the same
 * database). Guards run in the order registered here.
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions, limits: RateLimits): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [DiscoveryModule],
      controllers: options.devTokens ? [DevTokensHttpController] : [],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        { provide: RATE_LIMITS, useValue: limits },
        RateLimiters,
        TokenVerifier,
        DevTokenIssuer,
        AccessDeclarationsCheck,
        { provide: APP_GUARD, useClass: IpRateLimitGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: PrincipalRateLimitGuard },
      ],
      exports: [TokenVerifier, DevTokenIssuer],
    };
  }
}
