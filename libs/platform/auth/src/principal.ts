import type { Principal } from '@openbank/event-sourcing';

export const roles = ['customer', 'teller', 'admin'] as const;
export type Role = (typeof roles)[number];

/**
 * The caller, as its verified token says. `id` is the token subject and is what events record as
 * the acting principal; a customer is bound to exactly one person.
 */
export interface AuthenticatedPrincipal extends Principal {
  readonly id: string;
  readonly roles: readonly Role[];
  /** The person a customer acts as (required for customers). */
  readonly personId?: string;
}

export const isStaff = (principal: Principal): boolean => principal.roles?.includes('teller') === true || principal.roles?.includes('admin') === true;

/** Staff act for every person; a customer only for the person their token names. */
export const actsFor = (principal: Principal, personId: string): boolean => isStaff(principal) || (principal as Partial<AuthenticatedPrincipal>).personId === personId;
