import { Option, SubCommand } from 'nest-commander';
import { OpenBankCommand, wholeNumber } from '../openbank-command.js';
import { table } from '../output/table.js';

interface IdleStream {
  readonly stream: string;
  readonly category: string;
  readonly event_count: number;
  readonly last_event_at: string;
  readonly idle_days: number;
}

interface IdleOptions {
  readonly days: number;
  readonly category?: string;
  readonly limit: number;
}

@SubCommand({ name: 'idle', description: 'Streams with no event for N days, quietest first' })
export class StreamsIdleCommand extends OpenBankCommand {
  @Option({ flags: '-d, --days <days>', description: 'no event for at least this many days', defaultValue: 30 })
  days(value: string): number {
    return wholeNumber('--days', 0, 36_500)(value);
  }

  @Option({ flags: '-c, --category <category>', description: 'only streams of this category (account, person, transfer)' })
  category(value: string): string {
    return value;
  }

  @Option({ flags: '-l, --limit <count>', description: 'at most this many', defaultValue: 100 })
  limit(value: string): number {
    return wholeNumber('--limit', 1, 1000)(value);
  }

  async run(_args: string[], options: IdleOptions): Promise<void> {
    const query = new URLSearchParams({ days: String(options.days), limit: String(options.limit), ...(options.category ? { category: options.category } : {}) });
    const idle = await this.api().get<IdleStream[]>(`/api/v1/admin/streams/idle?${query}`);
    if (idle.length === 0) return this.print(`no stream has been idle for ${options.days} days or more`);
    this.print(table(['stream', 'category', 'events', 'last event', 'idle days'], idle.map((entry) => [entry.stream, entry.category, entry.event_count, entry.last_event_at, entry.idle_days]), this.io.stdout));
  }
}
