/**
 * Who a call runs as. The real server's default users are `admin` (group `$admins`) and `ops`
 * (group `$ops`), both with the password `changeit`; anonymous callers have no roles at all.
 */
export interface Principal {
  /** '' for anonymous. */
  readonly name: string;
  /** The user's name and groups: what ACL role lists and policies are matched against. */
  readonly roles: ReadonlySet<string>;
  readonly authenticated: boolean;
}

export const ADMINS = '$admins';
export const OPS = '$ops';
/** In an ACL: everyone the stream policy lets through (authenticated users, on a secure node). */
export const EVERYONE = '$all';

export const ANONYMOUS: Principal = { name: '', roles: new Set(), authenticated: false };

/** What every call runs as on an insecure node: everything is allowed. */
export const INSECURE_SYSTEM: Principal = { name: '', roles: new Set([ADMINS]), authenticated: true };

export function userPrincipal(name: string, groups: readonly string[]): Principal {
  return { name, roles: new Set([name, ...groups]), authenticated: true };
}

export function isAdmin(principal: Principal): boolean {
  return principal.roles.has(ADMINS);
}

export function isOperator(principal: Principal): boolean {
  return principal.roles.has(ADMINS) || principal.roles.has(OPS);
}
