import { Option, SubCommand } from 'nest-commander';
import { RequestRefused } from '../connection/openbank-api.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { OpenBankCommand } from '../openbank-command.js';
import { table } from '../output/table.js';
import { supersededGroupsPath } from './subscription-status.js';

interface SupersededGroup {
  readonly name: string;
  readonly replaced_by: string;
  readonly consumers: number;
  readonly checkpoint_position?: string;
}

@SubCommand({
  name: 'superseded',
  description: 'Consumer groups that earlier versions of a process or sink left on the event store; --delete removes those no projector consumes',
})
export class ProjectionsSupersededCommand extends OpenBankCommand {
  @Option({ flags: '--delete', description: 'delete every one no projector consumes; exits 1 naming those still consumed' })
  delete(): boolean {
    return true;
  }

  async run(_args: string[], options: { delete?: boolean }): Promise<void> {
    const api = this.api();
    const groups = await api.get<SupersededGroup[]>(supersededGroupsPath);
    if (groups.length === 0) return this.print('no superseded consumer groups');
    if (!options.delete) return this.list(groups);

    const consumed = groups.filter((group) => group.consumers > 0).map((group) => group.name);
    let deleted = 0;
    for (const group of groups.filter((candidate) => candidate.consumers === 0)) {
      try {
        await api.delete(`${supersededGroupsPath}/${encodeURIComponent(group.name)}`);
        deleted++;
      } catch (error) {
        // Another operator deleted it meanwhile (404), or a projector connected to it since it was listed (409).
        if (!(error instanceof RequestRefused)) throw error;
        if (error.status === 409) consumed.push(group.name);
      }
    }
    this.print(`deleted ${deleted} superseded consumer group${deleted === 1 ? '' : 's'}`);
    if (consumed.length > 0) {
      throw new CliError(ExitCode.Failed, `${consumed.length} still consumed by a projector of an earlier version, left in place: ${consumed.join(', ')}`);
    }
  }

  private list(groups: readonly SupersededGroup[]): void {
    const rows = groups.map((group) => [group.name, group.replaced_by, group.consumers, group.checkpoint_position ?? '-']);
    this.print(table(['group', 'replaced by', 'consumers', 'checkpoint'], rows, this.io.stdout));
    this.print('delete those no projector consumes any more with `openbank projections superseded --delete`');
  }
}
