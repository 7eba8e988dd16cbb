import { SubCommand } from 'nest-commander';
import { OpenBankCommand } from '../openbank-command.js';
import { details } from '../output/table.js';

interface StreamStats {
  readonly stream: string;
  readonly event_count: number;
  readonly last_revision: number;
  readonly first_event_at: string;
  readonly last_event_at: string;
}

@SubCommand({
  name: 'stats',
  arguments: '<stream>',
  argsDescription: { stream: 'a stream name, e.g. account-<id>, person-<id>, transfer-<id>' },
  description: 'A stream’s event count, last revision, first and last event time',
})
export class StreamsStatsCommand extends OpenBankCommand {
  async run([stream]: string[]): Promise<void> {
    const stats = await this.api().get<StreamStats>(`/api/v1/admin/streams/${encodeURIComponent(stream)}`);
    this.print(
      details(
        [
          ['stream', stats.stream],
          ['events', stats.event_count],
          ['last revision', stats.last_revision],
          ['first event', stats.first_event_at],
          ['last event', stats.last_event_at],
        ],
        this.io.stdout,
      ),
    );
  }
}
