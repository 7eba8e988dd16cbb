import type { EventStore } from '../store/event-store.js';
import { METASTREAM_PREFIX, streamOfMetastream } from '../store/stream-state.js';
import { accessDenied } from './authenticator.js';
import { ADMINS, EVERYONE, isAdmin, isOperator, type Principal } from './principal.js';

export type StreamAction = 'read' | 'write' | 'delete' | 'metadataRead' | 'metadataWrite';

/** `$acl` keys of stream metadata, by action. */
const ACL_KEYS: Record<StreamAction, string> = { read: '$r', write: '$w', delete: '$d', metadataRead: '$mr', metadataWrite: '$mw' };

/** `$all` as a stream name in access checks: a system stream, so admins only by default. */
export const ALL_STREAM = '$all';

/**
 * The real server's default ("legacy ACL") policy on a secure node: anonymous callers may not
 * touch streams; admins may do anything; other users are checked against the stream's `$acl`
 * metadata, falling back to `$admins` for `$` streams and to everyone for user streams.
 * Metastreams (`$$X`) are checked as metadata reads and writes of X. Nothing is checked when
 * authentication is off.
 */
export class AccessControl {
  constructor(
    readonly enabled: boolean,
    private readonly store: EventStore,
  ) {}

  checkStream(principal: Principal, stream: string, action: StreamAction): void {
    if (!this.enabled) return;
    if (!this.mayAccessStream(principal, stream, action)) throw accessDenied();
  }

  mayAccessStream(principal: Principal, stream: string, action: StreamAction): boolean {
    if (!this.enabled || isAdmin(principal)) return true;
    if (!principal.authenticated) return false;
    if (stream === ALL_STREAM && (action === 'write' || action === 'delete')) return false;
    let target = stream;
    let effective = action;
    if (stream.startsWith(METASTREAM_PREFIX)) {
      target = streamOfMetastream(stream);
      if (action === 'read') effective = 'metadataRead';
      else if (action === 'write') effective = 'metadataWrite';
      else return false;
    }
    const roles = this.rolesFor(target, effective);
    return roles.some((role) => role === EVERYONE || principal.roles.has(role));
  }

  requireAuthenticated(principal: Principal): void {
    if (this.enabled && !principal.authenticated) throw accessDenied();
  }

  /** Operations reserved to `$ops` and `$admins` (subscription groups, scavenges, restarts). */
  requireOperator(principal: Principal): void {
    if (this.enabled && !isOperator(principal)) throw accessDenied();
  }

  private rolesFor(stream: string, action: StreamAction): string[] {
    const acl = this.store.stream(stream)?.metadata.raw.$acl;
    if (acl !== null && typeof acl === 'object' && !Array.isArray(acl)) {
      const value = (acl as Record<string, unknown>)[ACL_KEYS[action]];
      if (typeof value === 'string') return [value];
      if (Array.isArray(value)) return value.filter((role): role is string => typeof role === 'string');
    }
    return stream.startsWith('$') ? [ADMINS] : [EVERYONE];
  }
}
