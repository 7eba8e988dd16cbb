/** Settings of the accounts context, from configuration. */
export interface AccountsOptions {
  /** The overdraft limit of an account opened without one (and of every account a customer opens), as a decimal. */
  readonly defaultOverdraftLimit: string;
}

export const ACCOUNTS_OPTIONS = Symbol('ACCOUNTS_OPTIONS');
