import { Module, type DynamicModule } from '@nestjs/common';
import { backupDirectory, type Environment } from '@openbank/bank';
import { resolve } from 'node:path';
import { BACKUP_SETTINGS, type BackupSettings } from './backup-settings.js';
import { BackupsHttpController } from './backups.http.controller.js';

/** Backups of the embedded stores (`openbank backup`). */
@Module({})
export class BackupsModule {
  static register(environment: Environment): DynamicModule {
    const settings: BackupSettings = {
      dataDir: resolve(environment.DATA_DIR),
      backupDir: backupDirectory(environment),
      embedded: !environment.KURRENTDB_CONNECTION_STRING && !environment.MONGODB_URI,
    };
    return { module: BackupsModule, controllers: [BackupsHttpController], providers: [{ provide: BACKUP_SETTINGS, useValue: settings }] };
  }
}
