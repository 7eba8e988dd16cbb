import type { StreamMetadata } from '@openbank/event-sourcing';

/** The stream metadata property that records a stream's archive, written with its `$tb` in one metadata write. */
export const archiveProperty = 'openbankArchive';

/** What a stream's metadata says of its archive. */
export interface ArchiveRecord {
  /** `archived`: revisions below `truncate_before` are in the archive only; `restored`: back in the store. */
  readonly state: 'archived' | 'restored';
  readonly key: string;
  readonly sha256: string;
  readonly truncate_before: string;
  readonly events: number;
  readonly archived_at: string;
  readonly restored_at?: string;
}

export function archiveRecordOf(metadata: StreamMetadata): ArchiveRecord | undefined {
  const record = metadata.custom[archiveProperty] as ArchiveRecord | undefined;
  return record && typeof record === 'object' && typeof record.key === 'string' ? record : undefined;
}
