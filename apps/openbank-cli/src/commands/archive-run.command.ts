import { Help, Option, SubCommand } from 'nest-commander';
import { CliError, ExitCode } from '../exit-codes.js';
import { OpenBankCommand, wholeNumber } from '../openbank-command.js';
import { count, rate, seconds, shorten } from '../output/format.js';
import { progressBar } from '../output/progress.js';
import { table } from '../output/table.js';
import { archivePath, archivesPath, archiveTimeoutMs, type ArchivedStream, type DueStream } from './archive-api.js';

interface RunOptions {
  readonly limit: number;
  readonly dryRun?: boolean;
}

@SubCommand({
  name: 'run',
  description: 'Archive every stream that is due (accounts closed for ARCHIVE_AFTER_DAYS), one after another, showing progress and events/s',
})
export class ArchiveRunCommand extends OpenBankCommand {
  @Option({ flags: '--limit <streams>', description: 'archive at most this many streams', defaultValue: 1000 })
  limit(value: string): number {
    return wholeNumber('--limit', 1, 10_000)(value);
  }

  @Option({ flags: '--dry-run', description: 'only list the streams that are due' })
  dryRun(): boolean {
    return true;
  }

  @Help('after')
  details(): string {
    return [
      '',
      'For each due stream (GET /api/v1/admin/archives/due), POST /api/v1/admin/archives/<stream>: its events but the',
      'last are written to cold storage (ARCHIVE_STORAGE) as a gzip NDJSON archive with a checksummed manifest, read',
      'back and checked, the account is snapshotted, then the stream is truncated ($tb). The history, the balance at',
      'an instant and the ledger check read the archive from then on. Exits 1 when a stream could not be archived.',
    ].join('\n');
  }

  async run(_args: string[], options: RunOptions): Promise<void> {
    const api = this.api();
    const due = await api.get<DueStream[]>(`${archivesPath}/due?limit=${options.limit}`);
    if (options.dryRun || due.length === 0) {
      if (due.length > 0) this.print(table(['stream', 'why'], due.map((entry) => [entry.stream, entry.reason]), this.io.stdout));
      return this.print(`${count(due.length)} stream${due.length === 1 ? '' : 's'} due for archiving`);
    }
    const bar = progressBar(this.io.stderr, 'archiving |{bar}| {value}/{total} streams · {events} events · {speed} · {elapsed} s');
    const startedAt = Date.now();
    let events = 0;
    const archived: ArchivedStream[] = [];
    const failures: string[][] = [];
    bar.start(due.length, 0, { events: 0, speed: rate(0), elapsed: 0 });
    try {
      for (const { stream } of due) {
        if (this.io.signal.aborted) break;
        try {
          const result = (await api.post<ArchivedStream>(archivePath(stream), { timeoutMs: archiveTimeoutMs })).body;
          archived.push(result);
          events += result.events;
        } catch (error) {
          failures.push([stream, shorten((error as Error).message, 100)]);
        }
        const elapsed = Date.now() - startedAt;
        bar.increment(1, { events: count(events), speed: rate(events / Math.max(elapsed / 1000, 0.001)), elapsed: Math.round(elapsed / 1000) });
      }
    } finally {
      bar.stop();
    }
    const elapsed = Date.now() - startedAt;
    if (archived.length > 0) this.print(table(['stream', 'events', 'bytes', 'key'], archived.map((result) => [result.stream, count(result.events), result.archived_now ? count(result.bytes) : '(before)', result.key]), this.io.stdout));
    this.print(`archived ${count(archived.length)} stream${archived.length === 1 ? '' : 's'}: ${count(events)} events in ${seconds(elapsed)} (${rate(events / Math.max(elapsed / 1000, 0.001))})`);
    if (failures.length > 0) {
      this.print(table(['stream not archived', 'why'], failures, this.io.stdout));
      throw new CliError(ExitCode.Failed, `${count(failures.length)} stream${failures.length === 1 ? '' : 's'} could not be archived`);
    }
  }
}
