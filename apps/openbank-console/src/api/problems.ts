import { ApiProblem, NoAnswer } from './client';

/** What a problem answer means, said plainly: a headline, and the bank's own explanation when it adds something. */
export interface PlainProblem {
  readonly headline: string;
  readonly detail?: string;
  readonly fields?: readonly string[];
  /** True when sending the same request again (with the same Idempotency-Key) is the right move. */
  readonly retry: boolean;
}

const headlines: Record<string, string> = {
  INSUFFICIENT_FUNDS: 'Not enough money in the account: the amount is more than the balance plus the overdraft limit.',
  VELOCITY_LIMIT_EXCEEDED: 'This would go over the limit of money that may leave this person’s accounts in an hour or a day.',
  BANK_ACCOUNT_CLOSED: 'The account is closed: no money can move in or out of it.',
  BANK_ACCOUNT_NOT_FOUND: 'There is no such account, or it is not one you may see.',
  PERSON_NOT_FOUND: 'There is no such person, or it is not one you may see.',
  TRANSFER_NOT_FOUND: 'There is no such transfer, or it is not one you may see.',
  OWNER_NOT_FOUND: 'The owner named is not a registered person.',
  CURRENCY_MISMATCH: 'The two accounts hold different currencies: a transfer needs one currency.',
  SAME_ACCOUNT_TRANSFER: 'A transfer needs two different accounts.',
  AMOUNT_NOT_POSITIVE: 'The amount must be more than zero.',
  INVALID_AMOUNT: 'The amount is not a valid amount of money (for example 25.50).',
  AMOUNT_ABOVE_MAXIMUM: 'The amount is more than the bank allows in one transaction.',
  IDEMPOTENCY_KEY_REUSED: 'This submission’s key was already used for a different request.',
  ACCESS_DENIED: 'You are not allowed to do this.',
  INVALID_TOKEN: 'Your session has ended: sign in again.',
  TOO_MANY_REQUESTS: 'Too many requests: wait a moment, then try again.',
  SUBSCRIPTION_NOT_REBUILDABLE: 'Only projections can be rebuilt: a process or a sink would do its work again.',
};

const byStatus: Record<number, string> = {
  400: 'Some of what was entered is not valid.',
  401: 'Your session has ended: sign in again.',
  403: 'You are not allowed to do this.',
  404: 'Not found, or not yours to see.',
  409: 'Another change got there first, or this request is still being processed: try again in a moment.',
  422: 'The bank refused this.',
  429: 'Too many requests: wait a moment, then try again.',
  503: 'The bank is unavailable for a moment: try again shortly.',
};

export function plainProblem(error: unknown): PlainProblem {
  if (error instanceof NoAnswer) {
    return {
      headline: 'The connection was lost before the bank answered.',
      detail: 'Your request may or may not have been recorded. Submit it again: it carries the same key, so it is never recorded twice.',
      retry: true,
    };
  }
  if (!(error instanceof ApiProblem)) return { headline: 'Something went wrong in the console.', detail: error instanceof Error ? error.message : String(error), retry: false };
  const { problem, response } = error;
  const status = problem.status ?? response.status;
  const headline = (problem.code && headlines[problem.code]) ?? byStatus[status] ?? problem.title ?? 'The bank refused this.';
  const retryAfter = response.headers.get('retry-after');
  const detail = [problem.detail, retryAfter ? `Try again in ${retryAfter} s.` : undefined].filter(Boolean).join(' ');
  const fields = problem.errors?.map((field) => `${field.field}: ${field.message}`);
  return { headline, ...(detail ? { detail } : {}), ...(fields?.length ? { fields } : {}), retry: status === 409 || status === 429 || status >= 500 };
}
