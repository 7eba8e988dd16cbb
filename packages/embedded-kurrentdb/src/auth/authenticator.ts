import { Metadata, ServerInterceptingCall, ServerListenerBuilder, status, type ServerInterceptor } from '@grpc/grpc-js';
import { rpcError } from '../grpc/rpc-error.js';
import { ANONYMOUS, INSECURE_SYSTEM, type Principal } from './principal.js';
import type { UserDirectory } from './users.js';

/** Distinct authorization headers remembered; a client sends the same one on every call. */
const CACHE_LIMIT = 1024;

/**
 * Turns a call's `authorization` header into a principal. On an insecure node every call runs
 * with full rights and credentials are ignored, as on a real `--insecure` node. With
 * authentication on, credentials that do not check out end the call with UNAUTHENTICATED before
 * any handler runs (the real server rejects them in its HTTP middleware); no credentials at all
 * means anonymous, which the policies then deny.
 */
export class Authenticator {
  private readonly cache = new Map<string, Principal | undefined>();

  constructor(
    readonly enabled: boolean,
    private readonly users: UserDirectory,
  ) {}

  /** The principal of a call that passed the interceptor. */
  principalOf(metadata: Metadata): Principal {
    if (!this.enabled) return INSECURE_SYSTEM;
    return this.resolve(metadata) ?? ANONYMOUS;
  }

  /** Rejects unverifiable credentials; installed only when authentication is on. */
  readonly interceptor: ServerInterceptor = (_method, call) =>
    new ServerInterceptingCall(call, {
      start: (next) =>
        next(
          new ServerListenerBuilder()
            .withOnReceiveMetadata((metadata, forward) => {
              if (this.resolve(metadata) === undefined && header(metadata) !== undefined) {
                call.sendStatus({ code: status.UNAUTHENTICATED, details: 'Unauthenticated', metadata: new Metadata() });
                return;
              }
              forward(metadata);
            })
            .build(),
        ),
    });

  /** undefined: no credentials (anonymous) or credentials that do not check out. */
  private resolve(metadata: Metadata): Principal | undefined {
    const value = header(metadata);
    if (value === undefined) return undefined;
    if (this.cache.has(value)) return this.cache.get(value);
    const principal = this.verify(value);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(value, principal);
    return principal;
  }

  private verify(value: string): Principal | undefined {
    const match = /^Basic\s+(\S+)$/i.exec(value.trim());
    // Bearer tokens need an identity provider this server does not have: they never verify.
    if (!match) return undefined;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    return this.users.verify(decoded.slice(0, colon), decoded.slice(colon + 1));
  }
}

function header(metadata: Metadata): string | undefined {
  const value = metadata.get('authorization')[0];
  return value === undefined ? undefined : String(value);
}

export function accessDenied() {
  return rpcError(status.PERMISSION_DENIED, 'Access Denied', { exception: 'access-denied' });
}
