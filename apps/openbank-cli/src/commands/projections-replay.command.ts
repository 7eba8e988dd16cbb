import { Option, SubCommand } from 'nest-commander';
import { CliError, ExitCode } from '../exit-codes.js';
import { OpenBankCommand } from '../openbank-command.js';

interface ReplayResult {
  readonly replayed: number;
  readonly still_parked: string[];
}

@SubCommand({
  name: 'replay',
  arguments: '<id>',
  argsDescription: { id: 'a parked event id (see `projections parked`), or all' },
  description: 'Process parked events again once their cause is fixed; exits 1 if any fails again and stays parked',
})
export class ProjectionsReplayCommand extends OpenBankCommand {
  @Option({ flags: '-s, --subscription <name>', description: 'with all: only those of this projection or process' })
  subscription(value: string): string {
    return value;
  }

  async run([id]: string[], options: { subscription?: string }): Promise<void> {
    const api = this.api();
    const path =
      id === 'all'
        ? `/api/v1/admin/parked-events/replay${options.subscription ? `?subscription=${encodeURIComponent(options.subscription)}` : ''}`
        : `/api/v1/admin/parked-events/${encodeURIComponent(id)}/replay`;
    const { body } = await api.post<ReplayResult>(path, { timeoutMs: 300_000 });
    this.print(`replayed ${body.replayed} parked event${body.replayed === 1 ? '' : 's'}`);
    if (body.still_parked.length > 0) {
      throw new CliError(ExitCode.Failed, `${body.still_parked.length} failed again and stay parked: ${body.still_parked.join(', ')}`);
    }
  }
}
