import { createHash, timingSafeEqual } from 'node:crypto';
import { ADMINS, OPS, userPrincipal, type Principal } from './principal.js';

export interface UserAccount {
  readonly name: string;
  readonly fullName: string;
  readonly groups: readonly string[];
  readonly password: string;
}

/** The accounts a new real node creates on its first start. */
export const DEFAULT_USERS: readonly UserAccount[] = [
  { name: 'admin', fullName: 'KurrentDB Administrator', groups: [ADMINS], password: 'changeit' },
  { name: 'ops', fullName: 'KurrentDB Operations', groups: [OPS], password: 'changeit' },
];

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Checks user name and password; compares digests so that timing says nothing about the password. */
export class UserDirectory {
  private readonly accounts = new Map<string, { account: UserAccount; digest: Buffer; principal: Principal }>();

  constructor(accounts: readonly UserAccount[] = DEFAULT_USERS) {
    for (const account of accounts) {
      this.accounts.set(account.name, { account, digest: digest(account.password), principal: userPrincipal(account.name, account.groups) });
    }
  }

  /** The principal for these credentials, or undefined when the user is unknown or the password wrong. */
  verify(name: string, password: string): Principal | undefined {
    const entry = this.accounts.get(name);
    if (!entry) return undefined;
    return timingSafeEqual(entry.digest, digest(password)) ? entry.principal : undefined;
  }

  list(): UserAccount[] {
    return [...this.accounts.values()].map((entry) => entry.account);
  }
}
