import { domainError } from '@openbank/shared-kernel';

export class BankAccountNotFound extends domainError('BANK_ACCOUNT_NOT_FOUND', 'not-found') {}
export class BankAccountAlreadyExists extends domainError('BANK_ACCOUNT_ALREADY_EXISTS', 'conflict') {}
export class BankAccountClosed extends domainError('BANK_ACCOUNT_CLOSED', 'rule-violated') {}
export class OwnerNotFound extends domainError('OWNER_NOT_FOUND', 'rule-violated') {}
/** A forgotten person cannot become a customer again: the bank no longer knows who they are. */
export class OwnerForgotten extends domainError('OWNER_FORGOTTEN', 'rule-violated') {}
export class NegativeOverdraftLimit extends domainError('NEGATIVE_OVERDRAFT_LIMIT', 'invalid') {}
export class OverdraftLimitBelowUsage extends domainError('OVERDRAFT_LIMIT_BELOW_USAGE', 'rule-violated') {}
export class BalanceNotZero extends domainError('BALANCE_NOT_ZERO', 'rule-violated') {}
export class InvalidCloseReason extends domainError('INVALID_CLOSE_REASON', 'invalid') {}
export class InsufficientFunds extends domainError('INSUFFICIENT_FUNDS', 'rule-violated') {}
export class AmountNotPositive extends domainError('AMOUNT_NOT_POSITIVE', 'invalid') {}
export class AmountAboveMaximum extends domainError('AMOUNT_ABOVE_MAXIMUM', 'rule-violated') {}
export class InvalidDescription extends domainError('INVALID_DESCRIPTION', 'invalid') {}
export class InterestPeriodAlreadyPaid extends domainError('INTEREST_PERIOD_ALREADY_PAID', 'rule-violated') {}
