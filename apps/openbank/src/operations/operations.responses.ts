import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SubscriptionStatusResponse {
  @ApiProperty({ example: 'bank-account-details' }) name!: string;
  @ApiProperty({ enum: ['projection', 'process'] }) kind!: string;
  @ApiProperty() running!: boolean;
  @ApiPropertyOptional({ example: '128934', description: 'Commit position of the last event processed (or skipped by the filter).' }) position?: string;
  @ApiProperty({ example: 0, description: 'Events of its types not processed yet, counted up to 1,000 (see lag_events_capped).' }) lag_events!: number;
  @ApiProperty({ example: false, description: 'True when the count stopped at its limit: at least lag_events are pending.' }) lag_events_capped!: boolean;
  @ApiProperty({ example: 0, description: 'How long the oldest unprocessed event has been waiting.' }) lag_ms!: number;
  @ApiPropertyOptional({ example: '131072', description: 'Commit position of the newest event in $all; with position, how far a subscription far behind still has to go.' }) head_position?: string;
  @ApiProperty({ example: 1200, description: 'Events processed since it (re)started.' }) events_processed!: number;
  @ApiProperty({ example: 350.5, description: 'Events per second since it (re)started.' }) events_per_second!: number;
  @ApiProperty({ example: 0 }) parked!: number;
  @ApiPropertyOptional({ format: 'date-time' }) started_at?: string;
}

export class ParkedEventResponse {
  @ApiProperty({ example: 'bank-account-details:5b0c…' }) id!: string;
  @ApiProperty() subscription!: string;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
  @ApiProperty() event_type!: string;
  @ApiProperty() stream_id!: string;
  @ApiProperty() revision!: string;
  @ApiProperty({ example: 'Error: …' }) error!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) parked_at!: string;
}

export class ReplayResultResponse {
  @ApiProperty({ example: 1 }) replayed!: number;
  @ApiProperty({ type: [String], description: 'Parked events that failed again and stay parked.' }) still_parked!: string[];
}

export class StreamStatsResponse {
  @ApiProperty({ example: 'account-4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' }) stream!: string;
  @ApiProperty({ example: 12 }) event_count!: number;
  @ApiProperty({ example: 11 }) last_revision!: number;
  @ApiProperty({ format: 'date-time' }) first_event_at!: string;
  @ApiProperty({ format: 'date-time' }) last_event_at!: string;
}

export class IdleStreamResponse {
  @ApiProperty() stream!: string;
  @ApiProperty({ example: 'account' }) category!: string;
  @ApiProperty() event_count!: number;
  @ApiProperty({ format: 'date-time' }) last_event_at!: string;
  @ApiProperty({ example: 42 }) idle_days!: number;
}
