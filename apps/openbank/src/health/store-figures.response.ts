import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EventStoreFiguresResponse {
  @ApiProperty({ example: '1843264', nullable: true, type: String, description: 'Commit position of the newest event in the log ($all), a 64-bit number as a string; null for an empty store.' })
  head_position!: string | null;

  @ApiProperty({ example: true, description: 'Whether the server appends to several streams in one atomic write (KurrentDB 25.1 and later).' })
  atomic_appends!: boolean;

  @ApiProperty({ example: 214, description: 'Streams of the domain (one per aggregate), as the stream-activity read model counts them.' })
  streams!: number;

  @ApiProperty({ example: 1432, description: 'Events on those streams, as the stream-activity read model counts them.' })
  events!: number;
}

export class ReadStoreFiguresResponse {
  @ApiProperty({
    example: { account_transactions: 612, bank_accounts: 40, persons: 20, stream_activity: 214, transfers: 75 },
    description: 'Documents in each collection, as the server counts them (no document is read).',
  })
  collections!: Record<string, number>;

  @ApiPropertyOptional({ example: 1048576, description: 'Size of the documents (MongoDB `dbStats`; absent where the server does not report it).' })
  data_bytes?: number;

  @ApiPropertyOptional({ example: 524288, description: 'Space the documents take on disk (MongoDB `dbStats`).' })
  storage_bytes?: number;

  @ApiPropertyOptional({ example: 28, description: 'Indexes over all collections (MongoDB `dbStats`).' })
  indexes?: number;

  @ApiPropertyOptional({ example: 262144, description: 'Space the indexes take (MongoDB `dbStats`).' })
  index_bytes?: number;
}

export class StoreFiguresResponse {
  @ApiProperty({ type: EventStoreFiguresResponse })
  event_store!: EventStoreFiguresResponse;

  @ApiProperty({ type: ReadStoreFiguresResponse })
  read_store!: ReadStoreFiguresResponse;
}
