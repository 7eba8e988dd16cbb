import { Help, SubCommand } from 'nest-commander';
import { OpenBankCommand } from '../openbank-command.js';
import { count } from '../output/format.js';
import { table } from '../output/table.js';
import { positionsText, rebuildText, subscriptionsPath, supersededGroupsPath, type SubscriptionStatus } from './subscription-status.js';

@SubCommand({
  name: 'list',
  description: 'Every projection, process and sink: its consumer group and consumers, position, lag, parked events, rebuild',
})
export class ProjectionsListCommand extends OpenBankCommand {
  @Help('after')
  details(): string {
    return [
      '',
      'Reads GET /api/v1/admin/subscriptions. Every projection is fed by the consumer group `projections`;',
      'each process and sink by a group of its own. consumers: the consumers of that group over every',
      'projector (0: no projector runs it). lag (positions): how far behind the newest event of $all, in',
      'log positions; lag (time): how long its oldest unprocessed event has waited. rebuild: the latest',
      'rebuild of a projection (waiting for a projector, running or done, with the events applied).',
      'Also reads GET /api/v1/admin/consumer-groups/superseded, to say when groups of earlier versions are left.',
    ].join('\n');
  }

  async run(): Promise<void> {
    const api = this.api();
    const [statuses, superseded] = await Promise.all([api.get<SubscriptionStatus[]>(subscriptionsPath), api.get<unknown[]>(supersededGroupsPath)]);
    const rows = statuses.map((status) => [
      status.name,
      status.kind,
      status.group,
      status.consumers,
      status.position ?? '-',
      positionsText(status.lag_position),
      `${count(status.lag_ms)} ms`,
      status.caught_up ? 'yes' : 'no',
      status.parked,
      status.kind === 'projection' ? rebuildText(status.rebuild) : '-',
    ]);
    this.print(table(['name', 'kind', 'group', 'consumers', 'position', 'lag (positions)', 'lag (time)', 'caught up', 'parked', 'rebuild'], rows, this.io.stdout));
    const idle = [...new Set(statuses.filter((status) => !status.running).map((status) => status.group))];
    if (idle.length > 0) this.print(`no projector consumes ${idle.join(', ')}: what they feed does not move (see \`openbank status\`)`);
    if (superseded.length > 0) {
      this.print(`${superseded.length} consumer group${superseded.length === 1 ? '' : 's'} of earlier versions still on the event store: see \`openbank projections superseded\``);
    }
  }
}
