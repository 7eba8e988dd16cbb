import { HttpException, HttpStatus, Inject, Injectable, Logger, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Connection } from 'mongoose';
import { RoundTrips } from '@openbank/http-api';
import { RateLimiterMemory, RateLimiterMongo, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface RateLimits {
  /** Requests per minute from one client address, checked before authentication. */
  readonly perIpPerMinute: number;
  /** Requests per minute of one authenticated principal. */
  readonly perPrincipalPerMinute: number;
}

export const RATE_LIMITS = Symbol('RATE_LIMITS');

/** Where the API instances count requests together. */
export const rateLimitsCollection = 'rate_limits';

/** mongoose's ConnectionStates.connected (mongoose is CommonJS: its enum is not a named export). */
const connected = 1;

export class TooManyRequests extends HttpException {
  constructor() {
    super({ code: 'TOO_MANY_REQUESTS', message: 'too many requests; slow down and retry after the Retry-After delay' }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Until the key's window ends. */
  readonly msBeforeNext: number;
}

/** A limiter's answer to spending points: over the limit is an answer too, not a failure. */
interface Spent {
  readonly result: RateLimiterRes;
  readonly refused: boolean;
}

async function spendOn(limiter: RateLimiterAbstract, key: string, points: number): Promise<Spent> {
  try {
    return { result: await limiter.consume(key, points), refused: false };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { result: rejection, refused: true };
    throw rejection;
  }
}

/**
 * Requests per key and per window, counted in a store every API instance shares (so a limit is
 * one limit however many instances serve it). Requests for a key travel together (see
 * RoundTrips: one round trip per key at a time, a busy key's `spacingMs` apart), as one
 * increment of their number. The store's atomic increment puts every request of the window in
 * one order across instances, and each request is allowed by its place in it, as if it had been
 * counted alone. A quiet key waits for nothing: its request goes at once.
 *
 * Once a key has spent its window, this instance answers it without asking the store until the
 * window ends (the store's counter only grows until then, so its answer could not change).
 *
 * While the shared store cannot be reached, requests are counted in this instance alone
 * (`insurance`): the limits keep holding per instance, and commands, which need only the event
 * store, keep being served rather than answering 503 because of the read store. The shared
 * store is tried again a second later.
 */
export class SharedRateLimiter {
  private readonly logger = new Logger('RateLimits');
  private readonly roundTrips: RoundTrips<undefined, RateLimitDecision>;
  private sharedDownUntil = 0;

  constructor(
    private readonly shared: RateLimiterAbstract,
    private readonly insurance: RateLimiterAbstract,
    private readonly sharedReachable: () => boolean = () => true,
    private readonly deadlineMs = 1000,
    /** A busy key's round trips start at least this far apart, so that more requests share each one. */
    spacingMs = 10,
  ) {
    this.roundTrips = new RoundTrips((key, requests) => this.decide(key, requests.length), spacingMs);
  }

  consume(key: string): Promise<RateLimitDecision> {
    return this.roundTrips.add(key, undefined);
  }

  /** Spends `count` requests of the key at once; each is allowed by its place among them. */
  private async decide(key: string, count: number): Promise<RateLimitDecision[]> {
    const { result, refused } = await this.spend(key, count);
    const limit = this.shared.points;
    // Refused without a count: the key is blocked in memory for the rest of its window.
    const first = refused && result.consumedPoints === 0 ? Infinity : result.consumedPoints - count + 1;
    return Array.from({ length: count }, (_, index) => ({ allowed: first + index <= limit, msBeforeNext: result.msBeforeNext }));
  }

  private async spend(key: string, points: number): Promise<Spent> {
    if (Date.now() >= this.sharedDownUntil && this.sharedReachable()) {
      try {
        const spent = await this.withinDeadline(spendOn(this.shared, key, points));
        if (this.sharedDownUntil > 0) {
          this.sharedDownUntil = 0;
          this.logger.log({ msg: 'rate limits are counted in the shared store again' });
        }
        return spent;
      } catch (error) {
        if (this.sharedDownUntil === 0) this.logger.warn({ msg: 'shared rate-limit store unavailable: counting in this instance alone', error: String(error) });
        this.sharedDownUntil = Date.now() + 1000;
      }
    }
    return spendOn(this.insurance, key, points);
  }

  private withinDeadline<T>(operation: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the rate-limit store within ${this.deadlineMs} ms`)), this.deadlineMs);
    });
    return Promise.race([operation, deadline]).finally(() => clearTimeout(timer));
  }
}

/** A limiter per minute counted in MongoDB (in memory when there is no MongoDB connection). */
function perMinute(keyPrefix: string, points: number, connection: Connection | undefined): SharedRateLimiter {
  const insurance = new RateLimiterMemory({ points, duration: 60, keyPrefix });
  if (!connection) return new SharedRateLimiter(insurance, insurance);
  const shared = new RateLimiterMongo({
    storeClient: connection.getClient(),
    dbName: connection.db?.databaseName ?? connection.name,
    tableName: rateLimitsCollection,
    points,
    duration: 60,
    keyPrefix,
    // A key that spent its window is refused here until the window ends, without a round trip.
    inMemoryBlockOnConsumed: points,
  });
  return new SharedRateLimiter(shared, insurance, () => connection.readyState === connected);
}

/** The application's two limiters, shared by the guards. */
@Injectable()
export class RateLimiters {
  readonly perIp: SharedRateLimiter;
  readonly perPrincipal: SharedRateLimiter;

  constructor(@Inject(RATE_LIMITS) limits: RateLimits, @Optional() @InjectConnection() connection?: Connection) {
    this.perIp = perMinute('ip', limits.perIpPerMinute, connection);
    this.perPrincipal = perMinute('principal', limits.perPrincipalPerMinute, connection);
  }
}

/** Spends one request of `key`, or answers 429 with Retry-After. */
async function spend(limiter: SharedRateLimiter, key: string, context: ExecutionContext): Promise<true> {
  const decision = await limiter.consume(key);
  if (decision.allowed) return true;
  const reply = context.switchToHttp().getResponse<FastifyReply>();
  void reply.header('retry-after', String(Math.max(1, Math.ceil(decision.msBeforeNext / 1000))));
  throw new TooManyRequests();
}

/** Limits each client address. Registered before the access guard, so failed logins count too. */
@Injectable()
export class IpRateLimitGuard implements CanActivate {
  constructor(private readonly limiters: RateLimiters) {}

  canActivate(context: ExecutionContext): Promise<true> {
    return spend(this.limiters.perIp, context.switchToHttp().getRequest<FastifyRequest>().ip, context);
  }
}

/** Limits each authenticated principal. Registered after the access guard, which says who it is. */
@Injectable()
export class PrincipalRateLimitGuard implements CanActivate {
  constructor(private readonly limiters: RateLimiters) {}

  async canActivate(context: ExecutionContext): Promise<true> {
    const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
    return principal ? spend(this.limiters.perPrincipal, principal.id, context) : true;
  }
}
