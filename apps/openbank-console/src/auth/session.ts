import type { ConsoleConfig } from './config';

export type Role = 'customer' | 'teller' | 'admin';

/** Who is signed in. Kept in this tab's sessionStorage (never in a URL), gone when the tab closes. */
export interface Session {
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly roles: readonly Role[];
  readonly personId?: string;
  readonly subject: string;
  readonly via: 'development token' | 'identity provider';
}

const key = 'openbank.console.session';

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('the token is not a JWT');
  const json = atob(
    payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '='),
  );
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (character) => character.charCodeAt(0)))) as Record<string, unknown>;
}

const roles: readonly Role[] = ['customer', 'teller', 'admin'];

/**
 * What the console shows follows the token's claims (the API decides what the token may do: the
 * console only hides what would be refused anyway).
 */
export function sessionOf(accessToken: string, config: Pick<ConsoleConfig, 'roles_claim' | 'person_claim'>, via: Session['via'], expiresIn?: number): Session {
  const claims = claimsOf(accessToken);
  const claimed = claims[config.roles_claim];
  const tokenRoles = (Array.isArray(claimed) ? claimed : [claimed]).filter((role): role is Role => roles.includes(role as Role));
  const personId = claims[config.person_claim];
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + (expiresIn ?? 3600) * 1000;
  return {
    accessToken,
    expiresAt: exp,
    roles: tokenRoles,
    ...(typeof personId === 'string' ? { personId } : {}),
    subject: typeof claims.sub === 'string' ? claims.sub : 'unknown',
    via,
  };
}

export function storedSession(): Session | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Session | null;
    return stored && stored.expiresAt > Date.now() ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function storeSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(key, JSON.stringify(session));
  else sessionStorage.removeItem(key);
}

export const isStaff = (session: Session | undefined): boolean => !!session?.roles.some((role) => role === 'teller' || role === 'admin');
export const isAdmin = (session: Session | undefined): boolean => !!session?.roles.includes('admin');
