export interface BackupSettings {
  /** DATA_DIR, where the embedded stores keep their data. */
  readonly dataDir: string;
  readonly backupDir: string;
  /** No KURRENTDB_CONNECTION_STRING nor MONGODB_URI: the stores are the embedded ones. */
  readonly embedded: boolean;
}

export const BACKUP_SETTINGS = Symbol('BACKUP_SETTINGS');
