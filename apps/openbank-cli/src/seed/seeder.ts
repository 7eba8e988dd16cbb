import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RequestRefused, type OpenBankApi } from '../connection/openbank-api.js';
import { decimal, minorOf } from './amounts.js';
import { DemoPeople, type DemoPerson } from './demo-people.js';
import type { Random } from './random.js';

export interface SeedSize {
  readonly persons: number;
  readonly accounts: number;
  readonly transactions: number;
}

export interface SeedSummary {
  persons: number;
  addressChanges: number;
  accounts: Record<string, number>;
  deposits: number;
  withdrawals: number;
  transfers: Record<string, number>;
  interest: number;
  /** Requests a business rule refused (422), by code: they are part of a bank's day too. */
  refused: Record<string, number>;
  requests: number;
}

interface SeededAccount {
  readonly id: string;
  readonly currency: string;
  readonly overdraftMinor: number;
  balanceMinor: number;
  /** Months back from now whose interest is not paid yet (the next one paid is the oldest). */
  unpaidMonths: number;
  busy: boolean;
}

type Operation = 'deposit' | 'withdrawal' | 'transfer' | 'interest';

const workers = 4;
const operations: [Operation, number][] = [
  ['deposit', 0.35],
  ['withdrawal', 0.3],
  ['transfer', 0.25],
  ['interest', 0.1],
];
const depositReasons = ['Salary', 'Cash deposit', 'Refund', 'Birthday gift', 'Freelance invoice', 'Tax refund'];
const withdrawalReasons = ['ATM withdrawal', 'Rent', 'Groceries', 'Electricity bill', 'Phone bill', 'Train tickets', 'Restaurant'];
const transferReasons = ['Shared dinner', 'Loan repayment', 'Birthday present', 'Rent share', 'Holiday costs', 'Concert tickets'];

/**
 * Makes demo data through the public HTTP commands, as tellers would: persons with addresses
 * (some move later), accounts with an opening deposit, then deposits, withdrawals, transfers and
 * interest. Every request carries an Idempotency-Key, so one retried after a 429 or 503 happens once.
 */
export class Seeder {
  private readonly people: DemoPeople;
  private readonly run = randomUUID().slice(0, 8);
  private readonly personIds: string[] = [];
  private readonly accounts: SeededAccount[] = [];
  private requestNumber = 0;
  private done = 0;
  readonly summary: SeedSummary = { persons: 0, addressChanges: 0, accounts: {}, deposits: 0, withdrawals: 0, transfers: {}, interest: 0, refused: {}, requests: 0 };

  constructor(
    private readonly api: OpenBankApi,
    private readonly size: SeedSize,
    private readonly random: Random,
    private readonly onProgress: (done: number, phase: string) => void,
  ) {
    this.people = new DemoPeople(random);
  }

  /** How many steps the progress bar counts: one per person, account and transaction. */
  get steps(): number {
    return this.size.persons + this.size.accounts + this.size.transactions;
  }

  async seed(): Promise<SeedSummary> {
    const persons = Array.from({ length: this.size.persons }, () => this.people.person());
    await this.inParallel(persons.length, (index) => this.registerPerson(persons[index]), 'persons');
    await this.inParallel(this.size.accounts, (index) => this.openAccount(this.personIds[index % this.personIds.length]), 'accounts');
    await this.inParallel(this.size.transactions, () => this.transaction(), 'transactions');
    return this.summary;
  }

  private async registerPerson(person: DemoPerson): Promise<void> {
    const { body } = await this.post<{ id: string }>('/api/v1/persons', person);
    this.personIds.push(body.id);
    this.summary.persons++;
    // Some give their address later, some move.
    if (!person.address || this.random.chance(0.15)) {
      await this.api.put(`/api/v1/persons/${body.id}/address`, { body: this.people.address(person.nationality), idempotencyKey: this.key(), retryUnavailable: true });
      this.summary.requests++;
      this.summary.addressChanges++;
    }
  }

  private async openAccount(ownerId: string | undefined): Promise<void> {
    if (!ownerId) return;
    const currency = this.random.chance(0.85) ? 'EUR' : 'USD';
    const overdraftMinor = this.random.pick([0, 0, 100_00, 250_00, 500_00, 1000_00]);
    const { body } = await this.post<{ id: string }>('/api/v1/accounts', { owner_id: ownerId, overdraft_limit: decimal(overdraftMinor), currency });
    const account: SeededAccount = { id: body.id, currency, overdraftMinor, balanceMinor: 0, unpaidMonths: 24, busy: false };
    this.summary.accounts[currency] = (this.summary.accounts[currency] ?? 0) + 1;
    await this.deposit(account, this.random.int(100_00, 5000_00), 'Opening deposit');
    this.accounts.push(account);
  }

  private async transaction(): Promise<void> {
    const operation = this.pickOperation();
    if (operation === 'transfer') {
      const from = this.take((account) => available(account) >= 5_00);
      const to = from && this.take((account) => account.currency === from.currency);
      if (from && to) return this.releasing([from, to], () => this.transfer(from, to));
      this.release([from, to]);
    }
    if (operation === 'withdrawal') {
      const account = this.take((candidate) => available(candidate) >= 5_00);
      if (account) return this.releasing([account], () => this.withdraw(account));
    }
    if (operation === 'interest') {
      const account = this.take((candidate) => candidate.balanceMinor >= 600 && candidate.unpaidMonths > 0);
      if (account) return this.releasing([account], () => this.creditInterest(account));
    }
    // A deposit is always possible: the fallback when the accounts chosen cannot do what was picked.
    let account = this.take(() => true);
    while (!account) {
      await sleep(5);
      account = this.take(() => true);
    }
    return this.releasing([account], () => this.deposit(account, this.random.int(10_00, 2500_00), this.random.pick(depositReasons)));
  }

  private async deposit(account: SeededAccount, minor: number, description: string): Promise<void> {
    const { body } = await this.post<{ balance_after: string }>('/api/v1/transactions/deposit', { account_id: account.id, amount: decimal(minor), description });
    account.balanceMinor = minorOf(body.balance_after);
    this.summary.deposits++;
  }

  private async withdraw(account: SeededAccount): Promise<void> {
    const minor = this.random.int(5_00, Math.min(available(account), 600_00));
    await this.refusable(async () => {
      const { body } = await this.post<{ balance_after: string }>('/api/v1/transactions/withdrawal', { account_id: account.id, amount: decimal(minor), description: this.random.pick(withdrawalReasons) });
      account.balanceMinor = minorOf(body.balance_after);
      this.summary.withdrawals++;
    });
  }

  private async transfer(from: SeededAccount, to: SeededAccount): Promise<void> {
    const minor = this.random.int(5_00, Math.min(available(from), 800_00));
    await this.refusable(async () => {
      const { body } = await this.post<{ status: string }>('/api/v1/transactions/transfer', {
        from_account_id: from.id,
        to_account_id: to.id,
        amount: decimal(minor),
        description: this.random.pick(transferReasons),
      });
      // One still on its way (202) completes shortly: the accounts it uses are known to cover it.
      if (body.status !== 'FAILED') {
        from.balanceMinor -= minor;
        to.balanceMinor += minor;
      }
      this.summary.transfers[body.status] = (this.summary.transfers[body.status] ?? 0) + 1;
    });
  }

  /** About 2 % a year on the current balance, for the oldest month not paid yet. */
  private async creditInterest(account: SeededAccount): Promise<void> {
    const month = new Date();
    month.setUTCDate(1);
    month.setUTCMonth(month.getUTCMonth() - account.unpaidMonths);
    const from = month.toISOString().slice(0, 10);
    month.setUTCMonth(month.getUTCMonth() + 1);
    const to = month.toISOString().slice(0, 10);
    account.unpaidMonths--;
    await this.refusable(async () => {
      const { body } = await this.post<{ balance_after: string }>('/api/v1/transactions/interest', { account_id: account.id, amount: decimal(Math.floor(account.balanceMinor / 600)), from, to });
      account.balanceMinor = minorOf(body.balance_after);
      this.summary.interest++;
    });
  }

  /** A business rule may refuse (velocity limits, for one): counted, and the seed goes on. */
  private async refusable(request: () => Promise<void>): Promise<void> {
    try {
      await request();
    } catch (error) {
      if (!(error instanceof RequestRefused) || error.status !== 422) throw error;
      const code = error.code ?? 'UNPROCESSABLE';
      this.summary.refused[code] = (this.summary.refused[code] ?? 0) + 1;
    }
  }

  private post<T>(path: string, body: object) {
    this.summary.requests++;
    return this.api.post<T>(path, { body, idempotencyKey: this.key(), retryUnavailable: true });
  }

  private key(): string {
    return `seed-${this.run}-${++this.requestNumber}`;
  }

  /** Runs `count` steps on a few parallel workers, reporting each one done. */
  private async inParallel(count: number, step: (index: number) => Promise<void>, phase: string): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        await step(next++);
        this.onProgress(++this.done, phase);
      }
    };
    await Promise.all(Array.from({ length: Math.min(workers, count) }, worker));
  }

  private pickOperation(): Operation {
    let roll = this.random.next();
    for (const [operation, weight] of operations) {
      if ((roll -= weight) < 0) return operation;
    }
    return 'deposit';
  }

  /** An account no other worker is using, among those `fits` accepts; it is the caller's until released. */
  private take(fits: (account: SeededAccount) => boolean): SeededAccount | undefined {
    const candidates = this.accounts.filter((account) => !account.busy && fits(account));
    if (candidates.length === 0) return undefined;
    const account = this.random.pick(candidates);
    account.busy = true;
    return account;
  }

  private release(accounts: (SeededAccount | undefined)[]): void {
    for (const account of accounts) if (account) account.busy = false;
  }

  private async releasing(accounts: SeededAccount[], work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } finally {
      this.release(accounts);
    }
  }
}

function available(account: SeededAccount): number {
  return account.balanceMinor + account.overdraftMinor;
}
