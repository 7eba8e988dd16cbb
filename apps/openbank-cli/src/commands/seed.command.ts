import { Command, Option, Help } from 'nest-commander';
import { UsageError } from '../exit-codes.js';
import { OpenBankCommand, wholeNumber } from '../openbank-command.js';
import { count, seconds } from '../output/format.js';
import { progressBar } from '../output/progress.js';
import { details } from '../output/table.js';
import { Random } from '../seed/random.js';
import { Seeder, type SeedSummary } from '../seed/seeder.js';

interface SeedOptions {
  readonly persons: number;
  readonly accounts: number;
  readonly transactions: number;
  readonly seed?: number;
}

@Command({
  name: 'seed',
  description: 'Make realistic demo data through the public API: persons, addresses, accounts, deposits, withdrawals, transfers, interest',
})
export class SeedCommand extends OpenBankCommand {
  @Option({ flags: '-p, --persons <count>', description: 'persons to register', defaultValue: 20 })
  persons(value: string): number {
    return wholeNumber('--persons', 0, 1_000_000)(value);
  }

  @Option({ flags: '-a, --accounts <count>', description: 'accounts to open, each with an opening deposit, spread over the persons', defaultValue: 30 })
  accounts(value: string): number {
    return wholeNumber('--accounts', 0, 1_000_000)(value);
  }

  @Option({ flags: '-t, --transactions <count>', description: 'deposits, withdrawals, transfers and interest credits after the openings', defaultValue: 200 })
  transactions(value: string): number {
    return wholeNumber('--transactions', 0, 10_000_000)(value);
  }

  @Option({ flags: '--seed <number>', description: 'the same number makes the same data (names, amounts, choices)' })
  seed(value: string): number {
    return wholeNumber('--seed', 0, 2 ** 32 - 1)(value);
  }

  @Help('after')
  details(): string {
    return [
      '',
      'Each account gets an opening deposit; then the transactions are a mix of deposits, withdrawals within the',
      'available balance, transfers between accounts of one currency, and interest for past months. A request a',
      'business rule refuses (422, e.g. a velocity limit) is counted and the seed goes on. Every request carries',
      'an Idempotency-Key; 429 and 503 answers are retried after their Retry-After. Large seeds are held back by',
      'the rate limit per principal: raise RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE for the application to go faster.',
    ].join('\n');
  }

  async run(_args: string[], options: SeedOptions): Promise<void> {
    if (options.accounts > 0 && options.persons === 0) throw new UsageError('accounts need owners: --persons must be at least 1');
    if (options.transactions > 0 && options.accounts === 0) throw new UsageError('transactions need accounts: --accounts must be at least 1');
    const api = this.api();
    const random = new Random(options.seed ?? Date.now());
    const bar = progressBar(this.io.stderr, 'seeding |{bar}| {percentage}% · {value}/{total} · {phase} · {eta_formatted} left');
    const seeder = new Seeder(api, options, random, (done, phase) => bar.update(done, { phase }));
    const startedAt = Date.now();
    bar.start(Math.max(seeder.steps, 1), 0, { phase: 'persons' });
    let summary: SeedSummary;
    try {
      summary = await seeder.seed();
    } finally {
      bar.stop();
    }
    const elapsed = Date.now() - startedAt;
    this.print(`Seeded ${api.baseUrl} in ${seconds(elapsed)} (${count(summary.requests)} requests, ${count((summary.requests / Math.max(elapsed, 1)) * 1000)} a second):`);
    this.print(details(this.rows(summary), this.io.stdout));
  }

  private rows(summary: SeedSummary): [string, string][] {
    const listed = (counts: Record<string, number>) =>
      Object.entries(counts)
        .map(([what, howMany]) => `${count(howMany)} ${what}`)
        .join(', ') || '0';
    return [
      ['persons registered', count(summary.persons)],
      ['addresses given later or changed', count(summary.addressChanges)],
      ['accounts opened', listed(summary.accounts)],
      ['deposits (openings included)', count(summary.deposits)],
      ['withdrawals', count(summary.withdrawals)],
      ['transfers', listed(summary.transfers)],
      ['interest credits', count(summary.interest)],
      ['refused by a business rule', listed(summary.refused)],
    ];
  }
}
