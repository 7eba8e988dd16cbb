import { setTimeout as sleep } from 'node:timers/promises';
import { Option, SubCommand } from 'nest-commander';
import type { OpenBankApi } from '../connection/openbank-api.js';
import { OpenBankCommand, wholeNumber } from '../openbank-command.js';
import { count, rate, seconds } from '../output/format.js';
import { progressBar } from '../output/progress.js';
import { rebuildProgress } from './rebuild-progress.js';
import { table } from '../output/table.js';
import { subscriptionsPath, type SubscriptionStatus } from './subscription-status.js';

interface RebuildOptions {
  readonly wait: boolean;
  readonly poll: number;
}

@SubCommand({
  name: 'rebuild',
  arguments: '<name>',
  argsDescription: { name: 'a projection or process (see `projections list`), or all (every projection)' },
  description: 'Drop what a projection wrote and process $all again from the start, showing progress and events/s until it has caught up',
})
export class ProjectionsRebuildCommand extends OpenBankCommand {
  @Option({ flags: '--no-wait', description: 'start the rebuild and return, without following it' })
  wait(): boolean {
    return false;
  }

  @Option({ flags: '--poll <milliseconds>', description: 'how often to read the progress', defaultValue: 500 })
  poll(value: string): number {
    return wholeNumber('--poll', 50, 60_000)(value);
  }

  async run([name]: string[], options: RebuildOptions): Promise<void> {
    const api = this.api();
    const statuses = await api.get<SubscriptionStatus[]>(subscriptionsPath);
    const names = name === 'all' ? statuses.filter((status) => status.kind === 'projection').map((status) => status.name) : [name];
    const startedAt = Date.now();
    for (const target of names) await api.post(`${subscriptionsPath}/${encodeURIComponent(target)}/rebuild`);
    if (options.wait === false) return this.print(`rebuilding ${names.join(', ')}: follow it with \`openbank projections list\``);

    const finished = await this.follow(api, names, startedAt, options.poll);
    if (!finished) return this.note('stopped following; the rebuild goes on in OpenBank (`openbank projections list`)');
    const elapsed = Date.now() - startedAt;
    const rows = finished.map((status) => [status.name, count(status.events_processed), seconds(elapsed), rate(status.events_processed / Math.max(elapsed / 1000, 0.001)), status.parked]);
    this.print(table(['projection', 'events', 'time', 'speed', 'parked'], rows, this.io.stdout));
    const events = finished.reduce((sum, status) => sum + status.events_processed, 0);
    this.print(`rebuilt ${names.length === 1 ? names[0] : `${names.length} projections`}: ${count(events)} events in ${seconds(elapsed)} (${rate(events / Math.max(elapsed / 1000, 0.001))})`);
  }

  /** Shows the progress until every target has caught up; undefined when the operator interrupts. */
  private async follow(api: OpenBankApi, names: string[], startedAt: number, pollMs: number): Promise<SubscriptionStatus[] | undefined> {
    const bar = progressBar(this.io.stderr, 'rebuilding |{bar}| {percentage}% · {processed}/{expected} events · {speed} · {elapsed} s');
    bar.start(1, 0, { processed: 0, expected: '?', speed: rate(0), elapsed: 0 });
    let previous = { at: startedAt, processed: 0 };
    try {
      while (!this.io.signal.aborted) {
        await sleep(pollMs, undefined, { signal: this.io.signal }).catch(() => undefined);
        const targets = (await api.get<SubscriptionStatus[]>(subscriptionsPath)).filter((status) => names.includes(status.name));
        const { processed, expected, done, total } = rebuildProgress(targets);
        const now = Date.now();
        const speed = ((processed - previous.processed) / Math.max(now - previous.at, 1)) * 1000;
        previous = { at: now, processed };
        bar.setTotal(total);
        bar.update(done, { processed, expected, speed: rate(Math.max(speed, 0)), elapsed: Math.round((now - startedAt) / 1000) });
        if (targets.every((status) => status.running && status.lag_events === 0)) return targets;
      }
      return undefined;
    } finally {
      bar.stop();
    }
  }
}

