import fc from 'fast-check';

/** Accounts are named by their index in the run; amounts are in cents. */
export type Operation =
  | { readonly kind: 'deposit'; readonly account: number; readonly cents: number }
  | { readonly kind: 'withdraw'; readonly account: number; readonly cents: number }
  | { readonly kind: 'transfer'; readonly from: number; readonly to: number; readonly cents: number }
  | { readonly kind: 'interest'; readonly account: number; readonly cents: number }
  | { readonly kind: 'overdraft'; readonly account: number; readonly cents: number }
  | { readonly kind: 'close'; readonly account: number };

export interface AccountPlan {
  readonly currency: 'EUR' | 'GBP';
  readonly overdraftCents: number;
}

/** What one run does: the accounts it opens, then each concurrent client's operations, in order. */
export interface Workload {
  readonly accounts: readonly AccountPlan[];
  readonly clients: readonly (readonly Operation[])[];
}

export interface WorkloadSize {
  readonly accounts: number;
  readonly clients: number;
  readonly operationsPerClient: number;
  /** Each client does at least this many (half of operationsPerClient unless told). */
  readonly minimumOperationsPerClient?: number;
}

const cents = fc.integer({ min: 1, max: 500_000 });

function operation(accountCount: number): fc.Arbitrary<Operation> {
  // Half the operations go to a few hot accounts, so that clients race on the same streams.
  const account = fc.oneof(fc.nat({ max: Math.min(4, accountCount - 1) }), fc.nat({ max: accountCount - 1 }));
  const twoAccounts = fc.tuple(account, account).filter(([from, to]) => from !== to);
  // Deposits outweigh withdrawals so balances, and with them transfers, are mostly possible.
  return fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('deposit' as const), account, cents }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), account, cents }) },
    { weight: 8, arbitrary: twoAccounts.chain(([from, to]) => fc.record({ kind: fc.constant('transfer' as const), from: fc.constant(from), to: fc.constant(to), cents })) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('interest' as const), account, cents: fc.integer({ min: 1, max: 5_000 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('overdraft' as const), account, cents: fc.integer({ min: 0, max: 200_000 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), account }) },
  );
}

export function workload({ accounts, clients, operationsPerClient, minimumOperationsPerClient = Math.ceil(operationsPerClient / 2) }: WorkloadSize): fc.Arbitrary<Workload> {
  return fc.record({
    // A few GBP accounts, so that some transfers meet a currency mismatch.
    accounts: fc.array(fc.record({ currency: fc.constantFrom<AccountPlan['currency']>('EUR', 'EUR', 'EUR', 'EUR', 'EUR', 'EUR', 'EUR', 'GBP'), overdraftCents: fc.integer({ min: 0, max: 100_000 }) }), {
      minLength: accounts,
      maxLength: accounts,
    }),
    clients: fc.array(fc.array(operation(accounts), { minLength: minimumOperationsPerClient, maxLength: operationsPerClient }), { minLength: clients, maxLength: clients }),
  });
}

export function operationCount(plan: Workload): number {
  return plan.clients.reduce((sum, operations) => sum + operations.length, 0);
}
