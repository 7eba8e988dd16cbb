/** The admin routes of archiving (apps/openbank/src/archiving), as the CLI reads them. */
export const archivesPath = '/api/v1/admin/archives';

export const archivePath = (stream: string) => `${archivesPath}/${encodeURIComponent(stream)}`;

export interface DueStream {
  readonly stream: string;
  readonly reason: string;
}

export interface ArchivedStream {
  readonly stream: string;
  readonly key: string;
  readonly events: number;
  readonly truncate_before: string;
  readonly bytes: number;
  readonly archived_now: boolean;
}

export interface ArchiveListing {
  readonly stream: string;
  readonly key: string;
  readonly state: 'archived' | 'restored' | 'not-truncated';
  readonly events: number;
  readonly from_revision: string;
  readonly to_revision: string;
  readonly last_event_at: string;
  readonly archived_at: string;
  readonly bytes: number;
}

export interface ArchiveVerification {
  readonly stream: string;
  readonly ok: boolean;
  readonly state: string;
  readonly archived_events: number;
  readonly stored_events: number;
  readonly problems: string[];
}

export interface RestoreResult {
  readonly stream: string;
  readonly events: number;
  readonly restored_at: string;
}

/** Archiving a long stream or verifying one reads and writes cold storage: more time than a usual request. */
export const archiveTimeoutMs = 10 * 60_000;
