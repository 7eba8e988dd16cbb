import { Command, Help } from 'nest-commander';
import { OpenBankCommand } from '../openbank-command.js';
import { count } from '../output/format.js';
import { details } from '../output/table.js';

/** POST /api/v1/admin/backups (apps/openbank/src/backup). */
interface BackupAnswer {
  readonly directory: string;
  readonly created_at: string;
  readonly database: string;
  readonly collections: number;
  readonly documents: number;
  readonly event_log_bytes: number;
}

/** A backup of a big store takes a while: more than a usual request. */
const backupTimeoutMs = 60 * 60_000;

@Command({ name: 'backup', description: 'Back up the embedded stores while OpenBank runs (a MongoDB dump, then the event log, checksummed) under BACKUP_DIR' })
export class BackupCommand extends OpenBankCommand {
  @Help('after')
  details(): string {
    return [
      '',
      'POST /api/v1/admin/backups: OpenBank dumps its MongoDB database (mongodump’s layout), then copies the embedded',
      'KurrentDB’s log up to its last commit, and writes a manifest with a sha256 of each file, in a directory of',
      'BACKUP_DIR (DATA_DIR/backups by default). MongoDB goes first, so every checkpoint in the dump refers to events',
      'the log holds. Restore it with `openbank restore <directory>`, OpenBank stopped. For real KurrentDB and MongoDB',
      'servers, see the README ("Backup and restore"): OpenBank answers 409 BACKUP_NOT_POSSIBLE.',
    ].join('\n');
  }

  async run(): Promise<void> {
    this.note('backing up the embedded stores: dumping MongoDB, then copying the event log…');
    const backup = (await this.api().post<BackupAnswer>('/api/v1/admin/backups', { timeoutMs: backupTimeoutMs })).body;
    this.print(
      details(
        [
          ['backup', backup.directory],
          ['created at', backup.created_at],
          ['MongoDB', `${backup.database}: ${count(backup.collections)} collections, ${count(backup.documents)} documents`],
          ['event log', `${count(backup.event_log_bytes)} bytes`],
        ],
        this.io.stdout,
      ),
    );
    this.print(`restore it with: openbank restore ${backup.directory}`);
  }
}
