/** The bank's limits on money movement, from configuration. Amounts are decimal text. */
export interface MoneyLimits {
  /** The largest amount of one transaction, in the account's currency. */
  readonly maximumAmount: string;
  /** Most money that may leave one holder's accounts of one currency in any 24 hours. */
  readonly maxOutgoingPerDay: string;
  /** Most withdrawals and outgoing transfers of one holder in any hour. */
  readonly maxOutgoingPerHour: number;
}
