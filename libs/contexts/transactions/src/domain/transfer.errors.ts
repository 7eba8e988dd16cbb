import { domainError } from '@openbank/shared-kernel';

export class TransferNotFound extends domainError('TRANSFER_NOT_FOUND', 'not-found') {}
export class SameAccountTransfer extends domainError('SAME_ACCOUNT_TRANSFER', 'rule-violated') {}
export class TransferAlreadyInitiated extends domainError('TRANSFER_ALREADY_INITIATED', 'conflict') {}
export class TransferStepOutOfOrder extends domainError('TRANSFER_STEP_OUT_OF_ORDER', 'conflict') {}
/** The same code as the accounts' own refusals, so clients see one vocabulary. */
export class InsufficientFundsForTransfer extends domainError('INSUFFICIENT_FUNDS', 'rule-violated') {}
export class TransferAccountClosed extends domainError('BANK_ACCOUNT_CLOSED', 'rule-violated') {}
export class TransferAmountNotPositive extends domainError('AMOUNT_NOT_POSITIVE', 'invalid') {}
export class TransferAmountAboveMaximum extends domainError('AMOUNT_ABOVE_MAXIMUM', 'rule-violated') {}
export class TransferVelocityLimitExceeded extends domainError('VELOCITY_LIMIT_EXCEEDED', 'rule-violated') {}
