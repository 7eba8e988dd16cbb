import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@openbank/auth';
import { backupEmbeddedStores, embeddedStoreDirectories } from '@openbank/backup';
import { ApiProblems } from '@openbank/http-api';
import { domainError } from '@openbank/shared-kernel';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { BACKUP_SETTINGS, type BackupSettings } from './backup-settings.js';
import { BackupResponse } from './backup.response.js';

export class BackupNotPossible extends domainError('BACKUP_NOT_POSSIBLE', 'conflict') {}

/** `openbank backup`: a consistent backup of the embedded stores while OpenBank runs. */
@ApiTags('operations')
@Controller('api/v1/admin/backups')
@Access.admin()
export class BackupsHttpController {
  constructor(
    @Inject(BACKUP_SETTINGS) private readonly settings: BackupSettings,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Back up the embedded stores while OpenBank runs: a MongoDB dump, then the event log, checksummed, under BACKUP_DIR',
    description:
      'Only for the embedded stores (no KURRENTDB_CONNECTION_STRING nor MONGODB_URI): 409 BACKUP_NOT_POSSIBLE otherwise; back real servers up as the README says (KurrentDB file-copy backup, mongodump). Restore with `openbank restore <directory>`, OpenBank stopped.',
    operationId: 'backUpStores',
  })
  @ApiCreatedResponse({ type: BackupResponse })
  @ApiProblems(409, 503)
  async backUp(): Promise<BackupResponse> {
    const { dataDir, backupDir, embedded } = this.settings;
    const log = join(embeddedStoreDirectories(dataDir).kurrentdb, 'kurrentdb.log');
    if (!embedded) throw new BackupNotPossible('OpenBank runs on KurrentDB and MongoDB servers of their own: back them up as the README says ("Backup and restore": KurrentDB file-copy backup, mongodump)');
    if (!existsSync(log)) throw new BackupNotPossible(`there is no embedded KurrentDB log at ${log}: the embedded stores keep their data under DATA_DIR only when OpenBank starts them`);
    const now = new Date();
    const directory = join(backupDir, `openbank-${now.toISOString().replace(/[:.]/g, '-')}`);
    const manifest = await backupEmbeddedStores({ dataDir, db: this.connection.db!, directory, now });
    return {
      directory,
      created_at: manifest.created_at,
      database: manifest.mongodb.database,
      collections: manifest.mongodb.collections.length,
      documents: manifest.mongodb.collections.reduce((sum, collection) => sum + collection.documents, 0),
      event_log_bytes: manifest.kurrentdb.log.bytes,
    };
  }
}
