import { Help, Option, SubCommand } from 'nest-commander';
import { CliError, ExitCode } from '../exit-codes.js';
import { OpenBankCommand } from '../openbank-command.js';
import { count } from '../output/format.js';
import { progressBar } from '../output/progress.js';
import { table } from '../output/table.js';
import { archivePath, archiveTimeoutMs, type ArchiveVerification } from './archive-api.js';
import { allArchives } from './archive-list.command.js';

@SubCommand({
  name: 'verify',
  arguments: '[stream]',
  argsDescription: { stream: 'one archived stream (account-<id>); every archive when left out' },
  description: 'Prove by checksums that each archive plus the event store are its stream’s whole history',
})
export class ArchiveVerifyCommand extends OpenBankCommand {
  @Option({ flags: '--json', description: 'print the results as JSON' })
  json(): boolean {
    return true;
  }

  @Help('after')
  details(): string {
    return [
      '',
      'GET /api/v1/admin/archives/<stream>/verification: the archive’s sha256 is the one its manifest and its stream',
      'recorded, its events are revisions 0…n−1 without a gap, the store holds the rest from $tb on, and the lines of',
      'both, end to end, have the sha256 the whole history had when it was archived; the account loaded from the',
      'store must equal what the whole history gives. Exits 1 when any archive fails.',
    ].join('\n');
  }

  async run([stream]: string[], options: { json?: boolean }): Promise<void> {
    const api = this.api();
    const streams = stream ? [stream] : (await allArchives(api)).map((archive) => archive.stream);
    const bar = progressBar(this.io.stderr, 'verifying |{bar}| {value}/{total} archives · {failed} failed');
    const results: ArchiveVerification[] = [];
    bar.start(streams.length, 0, { failed: 0 });
    try {
      for (const name of streams) {
        if (this.io.signal.aborted) break;
        results.push(await api.get<ArchiveVerification>(`${archivePath(name)}/verification`, { timeoutMs: archiveTimeoutMs }));
        bar.increment(1, { failed: results.filter((result) => !result.ok).length });
      }
    } finally {
      bar.stop();
    }
    const failed = results.filter((result) => !result.ok);
    if (options.json) this.print(JSON.stringify(results, null, 2));
    else {
      const rows = results.map((result) => [result.stream, result.state, count(result.archived_events), count(result.stored_events), result.ok ? 'yes' : 'NO', result.problems.join('; ')]);
      if (rows.length > 0) this.print(table(['stream', 'state', 'archived events', 'events in store', 'whole history', 'problems'], rows, this.io.stdout));
      this.print(`${count(results.length - failed.length)} of ${count(results.length)} archive${results.length === 1 ? '' : 's'} verified: archive + store = the whole history`);
    }
    if (failed.length > 0) throw new CliError(ExitCode.Failed, `${count(failed.length)} archive${failed.length === 1 ? '' : 's'} failed verification: ${failed.map((result) => result.stream).join(', ')}`);
  }
}
