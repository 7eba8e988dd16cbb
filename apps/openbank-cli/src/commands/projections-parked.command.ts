import { Option, SubCommand } from 'nest-commander';
import { OpenBankCommand } from '../openbank-command.js';
import { shorten } from '../output/format.js';
import { table } from '../output/table.js';

export interface ParkedEvent {
  readonly id: string;
  readonly subscription: string;
  readonly event_id: string;
  readonly event_type: string;
  readonly stream_id: string;
  readonly revision: string;
  readonly error: string;
  readonly attempts: number;
  readonly parked_at: string;
}

@SubCommand({ name: 'parked', description: 'Events set aside after failing again and again, with their error' })
export class ProjectionsParkedCommand extends OpenBankCommand {
  @Option({ flags: '-s, --subscription <name>', description: 'only those of this projection or process' })
  subscription(value: string): string {
    return value;
  }

  async run(_args: string[], options: { subscription?: string }): Promise<void> {
    const query = options.subscription ? `?subscription=${encodeURIComponent(options.subscription)}` : '';
    const parked = await this.api().get<ParkedEvent[]>(`/api/v1/admin/parked-events${query}`);
    if (parked.length === 0) return this.print('no parked events');
    const rows = parked.map((entry) => [entry.id, entry.event_type, `${entry.stream_id}@${entry.revision}`, entry.attempts, entry.parked_at, shorten(entry.error)]);
    this.print(table(['id', 'event', 'stream@revision', 'attempts', 'parked at', 'error'], rows, this.io.stdout));
    this.print(`${parked.length} parked: replay them once their cause is fixed with \`openbank projections replay <id|all>\``);
  }
}
