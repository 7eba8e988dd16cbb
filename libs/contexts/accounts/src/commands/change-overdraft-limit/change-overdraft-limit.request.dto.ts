import { DecimalAmount } from '@openbank/http-api';

export class ChangeOverdraftLimitRequest {
  @DecimalAmount({ example: '750.00', description: 'The new overdraft limit (≥ 0) in the account currency.' })
  overdraft_limit!: string;
}
