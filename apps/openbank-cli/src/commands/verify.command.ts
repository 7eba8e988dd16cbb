import { Command, Option, Help } from 'nest-commander';
import { CliError, ExitCode } from '../exit-codes.js';
import { OpenBankCommand, wholeNumber } from '../openbank-command.js';
import { count, seconds } from '../output/format.js';
import { table } from '../output/table.js';

/** GET /api/v1/admin/ledger/verification (see apps/openbank/src/ledger-verification). */
interface LedgerReport {
  readonly ok: boolean;
  readonly checked_at: string;
  readonly position?: string;
  readonly events_read: number;
  readonly duration_ms: number;
  readonly read_models_caught_up: boolean;
  readonly accounts: { checked: number; matching: number; changed_during_check: number };
  readonly transfers: { checked: number; completed: number; failed: number; in_flight: number };
  readonly totals: {
    currency: string;
    deposits: string;
    interest: string;
    withdrawals: string;
    in_flight: string;
    expected_balance_sum: string;
    event_store_balance_sum: string;
    read_model_balance_sum: string;
    conserved: boolean;
  }[];
  readonly difference_count: number;
  readonly differences: { kind: string; detail: string; account_id?: string; transfer_id?: string; projection?: string; currency?: string; expected?: string; actual?: string }[];
}

interface VerifyOptions {
  readonly settleTimeout: number;
  readonly catchUpTimeout: number;
  readonly json?: boolean;
}

@Command({
  name: 'verify',
  description: 'The ledger check: balances from the event store against the read model, conservation, settled transfers',
})
export class VerifyCommand extends OpenBankCommand {
  @Option({ flags: '--settle-timeout <seconds>', name: 'settleTimeout', description: 'how long transfers on their way may take to settle', defaultValue: 10 })
  settleTimeout(value: string): number {
    return wholeNumber('--settle-timeout', 0, 120)(value);
  }

  @Option({ flags: '--catch-up-timeout <seconds>', name: 'catchUpTimeout', description: 'how long the read model may take to catch up with the event store', defaultValue: 30 })
  catchUpTimeout(value: string): number {
    return wholeNumber('--catch-up-timeout', 0, 300)(value);
  }

  @Option({ flags: '--json', description: 'print the report as JSON' })
  json(): boolean {
    return true;
  }

  @Help('after')
  details(): string {
    return [
      '',
      'OpenBank runs the check (GET /api/v1/admin/ledger/verification): it recomputes every account from its events',
      'up to one position of $all, gives transfers already on their way --settle-timeout to settle, waits until the',
      'accounts read model has processed that position, then compares balances, transaction counts and statuses,',
      'checks that the balances add up to deposits + interest − withdrawals (less money still on its way), and that',
      'every transfer completed, or failed with the source given its money back. Exits 0 when all agree, 1 otherwise.',
    ].join('\n');
  }

  async run(_args: string[], options: VerifyOptions): Promise<void> {
    const query = new URLSearchParams({ settle_seconds: String(options.settleTimeout), catch_up_seconds: String(options.catchUpTimeout) });
    this.note('verifying the ledger: reading the event store, waiting for transfers on their way and for the read model…');
    // The check reads the whole event store: give it time beyond its own waits.
    const timeoutMs = (options.settleTimeout + options.catchUpTimeout) * 1000 + 30 * 60_000;
    const report = await this.api().get<LedgerReport>(`/api/v1/admin/ledger/verification?${query}`, { timeoutMs });
    if (options.json) this.print(JSON.stringify(report, null, 2));
    else this.printReport(report);
    if (!report.ok) throw new CliError(ExitCode.Failed, `the ledger check found ${count(report.difference_count)} difference${report.difference_count === 1 ? '' : 's'}`);
  }

  private printReport(report: LedgerReport): void {
    const { accounts, transfers } = report;
    this.print(
      [
        `Ledger check of ${report.checked_at}, up to position ${report.position ?? '(empty store)'}: ${count(report.events_read)} events read in ${seconds(report.duration_ms)}`,
        `accounts: ${count(accounts.checked)} checked, ${count(accounts.matching)} matching the read model${accounts.changed_during_check ? `, ${count(accounts.changed_during_check)} changed during the check` : ''}`,
        `transfers: ${count(transfers.checked)} checked, ${count(transfers.completed)} completed, ${count(transfers.failed)} failed${transfers.in_flight ? `, ${count(transfers.in_flight)} started during the check and still on their way` : ''}`,
      ].join('\n'),
    );
    if (report.totals.length > 0) {
      const rows = report.totals.map((total) => [
        total.currency,
        total.deposits,
        total.interest,
        total.withdrawals,
        total.in_flight,
        total.expected_balance_sum,
        total.event_store_balance_sum,
        total.read_model_balance_sum,
        total.conserved ? 'yes' : 'NO',
      ]);
      this.print(table(['currency', 'deposits', 'interest', 'withdrawals', 'in flight', 'expected Σ balances', 'Σ event store', 'Σ read model', 'conserved'], rows, this.io.stdout));
    }
    if (report.ok) return this.print('OK: every balance matches its events, money is conserved and every transfer settled.');
    this.print(['Differences:', ...report.differences.map((difference) => `  ${difference.kind}: ${difference.detail}`)].join('\n'));
    if (report.difference_count > report.differences.length) this.print(`(the first ${count(report.differences.length)} of ${count(report.difference_count)} differences)`);
  }
}
