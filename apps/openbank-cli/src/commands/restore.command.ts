import { Command, Help } from 'nest-commander';
import { resolve } from 'node:path';
import { CliError, ExitCode } from '../exit-codes.js';
import { OpenBankCommand } from '../openbank-command.js';
import { count } from '../output/format.js';
import { appFiles, runningPid } from '../running/app-files.js';

@Command({
  name: 'restore',
  arguments: '<backup>',
  argsDescription: { backup: 'a directory `openbank backup` wrote' },
  description: 'Restore a backup into the embedded stores under DATA_DIR, OpenBank stopped; then start it and run `openbank verify`',
})
export class RestoreCommand extends OpenBankCommand {
  @Help('after')
  details(): string {
    return [
      '',
      'Checks every file of the backup against its sha256, moves the stores’ data that is under DATA_DIR aside',
      '(DATA_DIR/before-restore-<time>: nothing is deleted), puts the event log back and opens it with the embedded',
      'KurrentDB (which checks every frame), then loads the MongoDB dump into a fresh embedded MongoDB. Start OpenBank',
      'then (`openbank start`): the projections go on from their checkpoints in the dump; `openbank verify` checks the',
      'read models against the events, and `openbank projections rebuild all` rebuilds them if it finds differences.',
    ].join('\n');
  }

  async run([backup]: string[]): Promise<void> {
    const files = appFiles(this.io);
    if (this.io.env.KURRENTDB_CONNECTION_STRING || this.io.env.MONGODB_URI) {
      throw new CliError(ExitCode.Usage, 'KURRENTDB_CONNECTION_STRING or MONGODB_URI is set: restore real servers as the README says ("Backup and restore"); this restores the embedded stores');
    }
    const pid = runningPid(files);
    if (pid !== undefined) throw new CliError(ExitCode.Failed, `OpenBank runs (pid ${pid}): stop it first (\`openbank stop\`)`);
    // Loaded only here: the stores' servers and the MongoDB driver are not needed by any other command.
    const { restoreEmbeddedStores } = await import('@openbank/backup');
    let report;
    try {
      report = await restoreEmbeddedStores({ dataDir: files.dataDir, backup: resolve(backup), now: new Date(), progress: (step) => this.note(step) });
    } catch (error) {
      throw new CliError(ExitCode.Failed, `restore failed: ${(error as Error).message}`);
    }
    this.print(
      [
        `restored the backup of ${report.manifest.created_at} into ${files.dataDir}: ${count(report.events)} events in $all, ${count(report.documents)} documents in ${report.manifest.mongodb.database}`,
        ...(report.previous ? [`what was there before is in ${report.previous}`] : []),
        'next: `openbank start`, then `openbank verify`',
      ].join('\n'),
    );
  }
}
