import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimits {
  /** Requests per minute from one client address, checked before authentication. */
  readonly perIpPerMinute: number;
  /** Requests per minute of one authenticated principal. */
  readonly perPrincipalPerMinute: number;
}

export const RATE_LIMITS = Symbol('RATE_LIMITS');

export class TooManyRequests extends HttpException {
  constructor() {
    super({ code: 'TOO_MANY_REQUESTS', message: 'too many requests; slow down and retry after the Retry-After delay' }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Spends one request of `key` from `limiter`, or answers 429 with Retry-After. */
async function spend(limiter: RateLimiterMemory, key: string, context: ExecutionContext): Promise<true> {
  try {
    await limiter.consume(key);
    return true;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('retry-after', String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))));
    throw new TooManyRequests();
  }
}

/** Limits each client address. Registered before the access guard, so failed logins count too. */
@Injectable()
export class IpRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(RATE_LIMITS) limits: RateLimits) {
    this.limiter = new RateLimiterMemory({ points: limits.perIpPerMinute, duration: 60, keyPrefix: 'ip' });
  }

  canActivate(context: ExecutionContext): Promise<true> {
    return spend(this.limiter, context.switchToHttp().getRequest<FastifyRequest>().ip, context);
  }
}

/** Limits each authenticated principal. Registered after the access guard, which says who it is. */
@Injectable()
export class PrincipalRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(RATE_LIMITS) limits: RateLimits) {
    this.limiter = new RateLimiterMemory({ points: limits.perPrincipalPerMinute, duration: 60, keyPrefix: 'principal' });
  }

  async canActivate(context: ExecutionContext): Promise<true> {
    const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
    return principal ? spend(this.limiter, principal.id, context) : true;
  }
}
