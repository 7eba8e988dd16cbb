import { errorToProblem } from '@openbank/http-api';

export type CommandOutcome = 'accepted' | 'refused' | 'conflict' | 'failed';

/**
 * How a command that threw ended, read the way the API answers it: a revision conflict that
 * outlasted the retries, a refusal (a business rule, an unknown id, bad input: the caller's
 * doing, with its error code), or a failure (a store outage, a bug).
 */
export function outcomeOfError(error: unknown): { outcome: Exclude<CommandOutcome, 'accepted'>; code: string } {
  const { problem } = errorToProblem(error);
  if (problem.code === 'CONCURRENCY_CONFLICT') return { outcome: 'conflict', code: problem.code };
  return { outcome: problem.status < 500 ? 'refused' : 'failed', code: problem.code };
}
