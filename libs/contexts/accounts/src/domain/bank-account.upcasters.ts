import type { BankAccountCreated, BankAccountCreatedV1 } from './bank-account.events.js';

/**
 * V1 → V2: every account opened before accounts had a type was an everyday account, so it is read
 * as CHECKING. The stored event is never rewritten; it is upcast each time it is read.
 */
export const bankAccountCreatedV1ToV2 = {
  fromType: 'BankAccountCreatedDomainEventV1',
  toType: 'BankAccountCreatedDomainEventV2',
  upcast(data: BankAccountCreatedV1): BankAccountCreated {
    return { ...data, accountType: 'CHECKING' };
  },
};
