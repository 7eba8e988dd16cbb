import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { BackupNotPossible, BackupsHttpController } from './backups.http.controller.js';

describe('backups of the stores (BackupsHttpController)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'openbank-no-stores-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const controller = (embedded: boolean) => new BackupsHttpController({ dataDir, backupDir: join(dataDir, 'backups'), embedded }, {} as Connection);

  it('refuses to back up stores of their own, pointing to the documented procedure', async () => {
    await expect(controller(false).backUp()).rejects.toBeInstanceOf(BackupNotPossible);
    await expect(controller(false).backUp()).rejects.toThrow(/KurrentDB file-copy backup, mongodump/);
  });

  it('refuses when the embedded KurrentDB keeps no log under DATA_DIR (an in-memory one)', async () => {
    await expect(controller(true).backUp()).rejects.toThrow(/there is no embedded KurrentDB log at .*kurrentdb\.log/);
  });
});
