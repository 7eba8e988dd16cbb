/** How tokens are verified (and, for local use only, issued). */
export interface AuthOptions {
  readonly issuer: string;
  readonly audience: string;
  /** HS256 shared secret; or verify with the identity provider's keys at `jwksUrl`. */
  readonly secret?: string;
  readonly jwksUrl?: string;
  /** The claim holding the roles: an array, or one role as a string. */
  readonly rolesClaim: string;
  /** The claim holding the person id of a customer. */
  readonly personClaim: string;
  /** Issue development tokens from POST /api/v1/dev/tokens (never in production). */
  readonly devTokens: boolean;
  /**
   * Who may ask for one: callers on this machine only (by the connection's own address, never a
   * forwarded one), or any caller that reaches the port (the docker-compose demo, published on
   * the host's loopback only).
   */
  readonly devTokensFrom: 'loopback' | 'anywhere';
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
