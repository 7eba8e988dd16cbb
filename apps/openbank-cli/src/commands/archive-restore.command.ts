import { Help, SubCommand } from 'nest-commander';
import { OpenBankCommand } from '../openbank-command.js';
import { count } from '../output/format.js';
import { archivePath, archiveTimeoutMs, type RestoreResult } from './archive-api.js';

@SubCommand({
  name: 'restore',
  arguments: '<stream>',
  argsDescription: { stream: 'an archived stream (account-<id>)' },
  description: 'Bring a stream’s archived events back into the event store',
})
export class ArchiveRestoreCommand extends OpenBankCommand {
  @Help('after')
  details(): string {
    return [
      '',
      'POST /api/v1/admin/archives/<stream>/restore lifts the stream’s $tb and checks that the store gives back exactly',
      'the archived events. After a scavenge has reclaimed them, KurrentDB cannot hold them under the stream again:',
      'the command then exits 5 (ARCHIVE_RECLAIMED) and the archive stays the history’s source.',
    ].join('\n');
  }

  async run([stream]: string[]): Promise<void> {
    this.note(`restoring ${stream} from its archive…`);
    const result = (await this.api().post<RestoreResult>(`${archivePath(stream)}/restore`, { timeoutMs: archiveTimeoutMs })).body;
    this.print(`restored ${result.stream}: ${count(result.events)} events back in the event store (${result.restored_at})`);
  }
}
