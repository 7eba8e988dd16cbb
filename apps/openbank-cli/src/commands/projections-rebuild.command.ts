import { setTimeout as sleep } from 'node:timers/promises';
import { Help, Option, SubCommand } from 'nest-commander';
import type { OpenBankApi } from '../connection/openbank-api.js';
import { OpenBankCommand, wholeNumber } from '../openbank-command.js';
import { count, rate, seconds } from '../output/format.js';
import { progressBar } from '../output/progress.js';
import { table } from '../output/table.js';
import { rebuildProgress, rebuildSpan } from './rebuild-progress.js';
import { subscriptionsPath, type SubscriptionStatus } from './subscription-status.js';

interface RebuildOptions {
  readonly wait: boolean;
  readonly poll: number;
}

/** How long a rebuild may wait with no projector to claim it before the operator is told. */
const unclaimedNoticeMs = 5000;

@SubCommand({
  name: 'rebuild',
  arguments: '<name>',
  argsDescription: { name: 'a projection (see `projections list`), or all (every projection)' },
  description: 'Drop what a projection wrote and have a projector apply $all to it again from the start, showing progress and events/s until it is done and caught up',
})
export class ProjectionsRebuildCommand extends OpenBankCommand {
  @Option({ flags: '--no-wait', description: 'ask for the rebuild and return, without following it' })
  wait(): boolean {
    return false;
  }

  @Option({ flags: '--poll <milliseconds>', description: 'how often to read the progress', defaultValue: 500 })
  poll(value: string): number {
    return wholeNumber('--poll', 50, 60_000)(value);
  }

  @Help('after')
  details(): string {
    return [
      '',
      'POST /api/v1/admin/subscriptions/<name>/rebuild for each projection: a rebuild is a job that a',
      'projector claims (waiting, then running) and runs until done; the live events keep being applied',
      'meanwhile. Processes and sinks are not rebuilt (answered 409 SUBSCRIPTION_NOT_REBUILDABLE): they',
      'would redo their work. The bar shows how far through $all the rebuilds are (their position against',
      'the newest event) and the events applied; it ends once each one is done and caught up, with a',
      'table of its events, its time from the request to its end, and its events/s.',
    ].join('\n');
  }

  async run([name]: string[], options: RebuildOptions): Promise<void> {
    const api = this.api();
    const statuses = await api.get<SubscriptionStatus[]>(subscriptionsPath);
    const names = name === 'all' ? statuses.filter((status) => status.kind === 'projection').map((status) => status.name) : [name];
    const requestedAt = new Map<string, string>();
    for (const target of names) {
      const answer = await api.post<SubscriptionStatus>(`${subscriptionsPath}/${encodeURIComponent(target)}/rebuild`);
      if (answer.body?.rebuild) requestedAt.set(target, answer.body.rebuild.requested_at);
    }
    if (options.wait === false) return this.print(`asked to rebuild ${names.join(', ')}: a projector runs it; follow it with \`openbank projections list\``);

    const finished = await this.follow(api, names, requestedAt, options.poll);
    if (!finished) return this.note('stopped following; the rebuild goes on in OpenBank (`openbank projections list`)');
    const speed = (events: number, elapsed: number) => rate(events / Math.max(elapsed / 1000, 0.001));
    const rows = finished.map(({ name: target, rebuild, parked }) => {
      const elapsed = rebuildSpan([rebuild!]);
      return [target, count(rebuild!.events), seconds(elapsed), speed(rebuild!.events, elapsed), parked];
    });
    this.print(table(['projection', 'events', 'time', 'speed', 'parked'], rows, this.io.stdout));
    const events = finished.reduce((sum, status) => sum + status.rebuild!.events, 0);
    const elapsed = rebuildSpan(finished.map((status) => status.rebuild!));
    this.print(`rebuilt ${names.length === 1 ? names[0] : `${names.length} projections`}: ${count(events)} events in ${seconds(elapsed)} (${speed(events, elapsed)})`);
  }

  /** Shows the progress until every target's rebuild is done and it has caught up; undefined when the operator interrupts. */
  private async follow(api: OpenBankApi, names: string[], requestedAt: ReadonlyMap<string, string>, pollMs: number): Promise<SubscriptionStatus[] | undefined> {
    const several = names.length > 1 ? ' · {rebuilt}/{targets} done' : '';
    const bar = progressBar(this.io.stderr, `rebuilding |{bar}| {percentage}%${several} · {events} events · {speed} · {elapsed} s`);
    const startedAt = Date.now();
    bar.start(1000, 0, { events: 0, rebuilt: 0, targets: names.length, speed: rate(0), elapsed: 0 });
    let previous = { at: startedAt, events: 0 };
    let toldUnclaimed = false;
    try {
      while (!this.io.signal.aborted) {
        await sleep(pollMs, undefined, { signal: this.io.signal }).catch(() => undefined);
        if (this.io.signal.aborted) break;
        const targets = (await api.get<SubscriptionStatus[]>(subscriptionsPath)).filter((status) => names.includes(status.name)).map((status) => ours(status, requestedAt));
        const progress = rebuildProgress(targets);
        const now = Date.now();
        const speed = ((progress.events - previous.events) / Math.max(now - previous.at, 1)) * 1000;
        previous = { at: now, events: progress.events };
        bar.update(Math.round(progress.fraction * 1000), { events: count(progress.events), rebuilt: progress.rebuilt, speed: rate(Math.max(speed, 0)), elapsed: Math.round((now - startedAt) / 1000) });
        if (progress.finished && targets.length === names.length) return targets;
        if (!toldUnclaimed && now - startedAt >= unclaimedNoticeMs && targets.some((status) => status.rebuild?.state === 'waiting' && !status.running)) {
          toldUnclaimed = true;
          this.note('\nno projector is running: the rebuild waits until one starts and claims it (see `openbank status`)');
        }
      }
      return undefined;
    } finally {
      bar.stop();
    }
  }
}

/** A rebuild older than the one this command asked for is not ours: until ours shows, the target counts as waiting. */
function ours(status: SubscriptionStatus, requestedAt: ReadonlyMap<string, string>): SubscriptionStatus {
  const asked = requestedAt.get(status.name);
  if (!asked || (status.rebuild && Date.parse(status.rebuild.requested_at) >= Date.parse(asked))) return status;
  return { ...status, rebuild: { state: 'waiting', events: 0, requested_at: asked } };
}
