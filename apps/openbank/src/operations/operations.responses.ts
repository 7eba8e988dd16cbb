import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProcessResponse {
  @ApiProperty({ example: 'web-1:4242:9f0c1d2e', description: 'Host, process id and a random part.' }) id!: string;
  @ApiProperty({ enum: ['api', 'projector', 'api+projector'] }) role!: string;
  @ApiProperty({ example: 'web-1' }) host!: string;
  @ApiProperty({ example: 4242 }) pid!: number;
  @ApiProperty({ format: 'date-time' }) started_at!: string;
  @ApiProperty({ format: 'date-time', description: 'Its last heartbeat (every 5 seconds).' }) seen_at!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['consuming', 'standby', 'reconnecting', 'stopped'] },
    example: { projections: 'consuming', 'transfer-process': 'consuming' },
    description: 'Each consumer group this process consumes, with what its consumer is doing (empty for an API process).',
  })
  consumers!: Record<string, string>;
}

export class RebuildStatusResponse {
  @ApiProperty({ enum: ['waiting', 'running', 'done'], description: 'waiting: no projector has claimed it yet.' }) state!: string;
  @ApiProperty({ example: 120000, description: 'Events applied so far.' }) events!: number;
  @ApiPropertyOptional({ example: '98304', description: 'Commit position of the last event applied; with head_position, how far it still has to go.' }) position?: string;
  @ApiProperty({ format: 'date-time' }) requested_at!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When a projector first claimed it.' }) started_at?: string;
  @ApiPropertyOptional({ format: 'date-time' }) finished_at?: string;
}

export class SubscriptionStatusResponse {
  @ApiProperty({ example: 'bank-account-details' }) name!: string;
  @ApiProperty({ enum: ['projection', 'process', 'sink'] }) kind!: string;
  @ApiProperty({ example: 'projections', description: 'The consumer group on $all that feeds it: every projection shares one; each process and sink has its own.' }) group!: string;
  @ApiProperty({ description: 'At least one projector is connected to its group.' }) running!: boolean;
  @ApiProperty({ example: 2, description: 'Consumers connected to its group, over every projector.' }) consumers!: number;
  @ApiPropertyOptional({ example: '128934', description: 'Commit position up to which the group has processed $all.' }) position?: string;
  @ApiPropertyOptional({ example: '131072', description: 'Commit position of the newest event of the bank in $all.' }) head_position?: string;
  @ApiProperty({ description: 'Every event up to the head is processed (and no rebuild is under way).' }) caught_up!: boolean;
  @ApiProperty({ example: '2138', description: 'head_position minus position: how far behind, in log positions (bytes of the log on a KurrentDB node).' }) lag_position!: string;
  @ApiProperty({ example: 0, description: 'How long the oldest unprocessed event has been waiting; 0 when caught up.' }) lag_ms!: number;
  @ApiProperty({ example: 0, description: 'Events handed to consumers and not acknowledged yet.' }) in_flight!: number;
  @ApiProperty({ example: 0 }) parked!: number;
  @ApiPropertyOptional({ type: RebuildStatusResponse, description: 'The latest rebuild asked for (projections only).' }) rebuild?: RebuildStatusResponse;
}

export class SupersededGroupResponse {
  @ApiProperty({ example: 'openbank-transfer-process', description: 'Its name on the event store.' }) name!: string;
  @ApiProperty({ example: 'transfer-process', description: 'The subscription whose current group replaced it.' }) replaced_by!: string;
  @ApiProperty({ example: 0, description: 'Consumers still connected: projectors of an earlier version. It can be deleted once there are none.' }) consumers!: number;
  @ApiPropertyOptional({ example: '128934', description: 'Commit position of its last checkpoint.' }) checkpoint_position?: string;
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
