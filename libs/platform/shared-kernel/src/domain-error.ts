/**
 * How a refusal should be understood by a caller; the HTTP layer maps each kind to one status once
 * (invalid → 400, not-found → 404, conflict → 409, rule-violated → 422).
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'rule-violated';

/** A refusal by the domain, identified by a stable machine-readable code. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;

  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Declares a coded domain error: `export class InsufficientFunds extends domainError('INSUFFICIENT_FUNDS', 'rule-violated') {}`. */
export function domainError<const TCode extends string>(code: TCode, kind: DomainErrorKind) {
  return class extends DomainError {
    readonly code: TCode = code;
    readonly kind: DomainErrorKind = kind;
  };
}
