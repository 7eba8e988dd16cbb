import { SubCommand } from 'nest-commander';
import { OpenBankCommand } from '../openbank-command.js';
import { count } from '../output/format.js';
import { table } from '../output/table.js';
import { lagText, subscriptionsPath, type SubscriptionStatus } from './subscription-status.js';

@SubCommand({ name: 'list', description: 'Every projection and process: running, position, lag, throughput, parked events' })
export class ProjectionsListCommand extends OpenBankCommand {
  async run(): Promise<void> {
    const statuses = await this.api().get<SubscriptionStatus[]>(subscriptionsPath);
    const rows = statuses.map((status) => [
      status.name,
      status.kind,
      status.running ? 'yes' : 'NO',
      status.position ?? '-',
      lagText(status),
      `${count(status.lag_ms)} ms`,
      count(status.events_processed),
      status.events_per_second,
      status.parked,
    ]);
    this.print(table(['name', 'kind', 'running', 'position', 'lag (events)', 'lag (time)', 'processed', 'events/s', 'parked'], rows, this.io.stdout));
  }
}
