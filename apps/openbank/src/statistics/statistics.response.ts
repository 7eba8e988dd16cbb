import { ApiProperty } from '@nestjs/swagger';

export class StatisticsResponse {
  @ApiProperty({ example: { Person: 1, BankAccount: 2 }, description: 'Aggregates by type.' })
  aggregates!: Record<string, number>;

  @ApiProperty({ example: 7 })
  total_events!: number;

  @ApiProperty({ example: 1 })
  persons!: number;

  @ApiProperty({ example: 2 })
  accounts!: number;
}
