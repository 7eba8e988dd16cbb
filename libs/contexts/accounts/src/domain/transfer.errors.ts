import { domainError } from '@openbank/shared-kernel';

export class TransferNotFound extends domainError('TRANSFER_NOT_FOUND', 'not-found') {}
export class SameAccountTransfer extends domainError('SAME_ACCOUNT_TRANSFER', 'rule-violated') {}
export class TransferAlreadyInitiated extends domainError('TRANSFER_ALREADY_INITIATED', 'conflict') {}
export class TransferStepOutOfOrder extends domainError('TRANSFER_STEP_OUT_OF_ORDER', 'conflict') {}
