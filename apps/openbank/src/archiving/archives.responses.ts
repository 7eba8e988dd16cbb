import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DueStreamResponse {
  @ApiProperty({ example: 'account-4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' }) stream!: string;
  @ApiProperty({ example: 'closed on 2025-01-31T10:00:00.000Z' }) reason!: string;
}

export class ArchivedStreamResponse {
  @ApiProperty({ example: 'account-4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' }) stream!: string;
  @ApiProperty({ example: 'account/account-4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f/000000000000-000000000041.ndjson.gz', description: 'The archive’s key in the storage.' }) key!: string;
  @ApiProperty({ example: 42, description: 'Events moved to cold storage.' }) events!: number;
  @ApiProperty({ example: '42', description: 'The first revision still in the event store ($tb).' }) truncate_before!: string;
  @ApiProperty({ example: 2048, description: 'Size of the compressed archive; -1 when it was archived before (not written now).' }) bytes!: number;
  @ApiProperty({ example: '9f86d081…', description: 'sha256 of the compressed archive.' }) sha256!: string;
  @ApiProperty({ description: 'False when the stream was archived before: the answer describes that archive.' }) archived_now!: boolean;
}

export class ArchiveListingResponse {
  @ApiProperty({ example: 'account-4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' }) stream!: string;
  @ApiProperty() key!: string;
  @ApiProperty({ enum: ['archived', 'restored', 'not-truncated'], description: 'archived: the events are in cold storage only; restored: back in the store; not-truncated: written but the stream was never truncated (archive it again).' })
  state!: string;
  @ApiProperty({ example: 42 }) events!: number;
  @ApiProperty({ example: '0' }) from_revision!: string;
  @ApiProperty({ example: '41' }) to_revision!: string;
  @ApiProperty({ format: 'date-time' }) first_event_at!: string;
  @ApiProperty({ format: 'date-time' }) last_event_at!: string;
  @ApiProperty({ format: 'date-time' }) archived_at!: string;
  @ApiProperty({ example: 2048 }) bytes!: number;
  @ApiProperty({ example: '9f86d081…' }) sha256!: string;
  @ApiPropertyOptional({ format: 'date-time' }) restored_at?: string;
}

export class ArchiveVerificationResponse {
  @ApiProperty({ example: 'account-4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' }) stream!: string;
  @ApiProperty({ description: 'True when archive + store are the whole history, by checksums, and the account loads as its whole history gives it.' }) ok!: boolean;
  @ApiProperty({ enum: ['archived', 'restored', 'not-truncated'] }) state!: string;
  @ApiProperty({ example: 41 }) archived_events!: number;
  @ApiProperty({ example: 1 }) stored_events!: number;
  @ApiProperty({ description: 'sha256 of the whole history when it was archived.' }) history_sha256!: string;
  @ApiProperty({ description: 'sha256 of archive + store now.' }) computed_sha256!: string;
  @ApiProperty({ type: [String] }) problems!: string[];
}

export class RestoreResultResponse {
  @ApiProperty({ example: 'account-4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' }) stream!: string;
  @ApiProperty() key!: string;
  @ApiProperty({ example: 41, description: 'Events back in the event store.' }) events!: number;
  @ApiProperty({ format: 'date-time' }) restored_at!: string;
}
