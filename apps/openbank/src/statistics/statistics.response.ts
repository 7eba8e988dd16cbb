import { ApiProperty } from '@nestjs/swagger';

export class StatisticsResponse {
  @ApiProperty({ example: { AccountHolder: 1, BankAccount: 2, Person: 1, Transfer: 1 }, description: 'Aggregates by type (a stream each).' })
  aggregates!: Record<string, number>;

  @ApiProperty({ example: 12, description: 'Events recorded on the aggregates’ streams.' })
  total_events!: number;

  @ApiProperty({ example: 1 })
  persons!: number;

  @ApiProperty({ example: 2, description: 'Accounts ever opened, closed ones included.' })
  accounts!: number;

  @ApiProperty({ example: 4, description: 'Transactions recorded on the accounts (deposits, withdrawals, each leg of a transfer, interest).' })
  transactions!: number;

  @ApiProperty({ example: 1, description: 'Transfers between accounts of the bank, whatever their status.' })
  transfers!: number;
}
