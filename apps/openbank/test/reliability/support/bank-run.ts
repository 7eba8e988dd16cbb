import { randomUUID } from 'node:crypto';
import type { Answer, BankClient } from './bank-client.js';
import type { AccountPlan, Operation, Workload } from './workload.js';

export interface OpenedAccount {
  readonly id: string;
  readonly currency: string;
}

/** An operation and the final answer it got. */
export interface Outcome {
  readonly operation: Operation;
  readonly answer: Answer;
}

/** The final answers an operation on existing accounts may get; anything else is a fault of the bank. */
export const finalStatuses: Record<Operation['kind'], number[]> = {
  deposit: [201, 422],
  withdraw: [201, 422],
  transfer: [201, 202, 422],
  interest: [201, 422],
  overdraft: [200, 422],
  close: [200, 422],
};

/** Cents as the API writes amounts: `1234` is `12.34`. */
export const amount = (cents: number) => (cents / 100).toFixed(2);

/** Registers an owner for every few accounts and opens the accounts of the plan. */
export async function openAccounts(client: BankClient, plans: readonly AccountPlan[]): Promise<OpenedAccount[]> {
  const opened: OpenedAccount[] = [];
  let ownerId = '';
  for (const [index, plan] of plans.entries()) {
    if (index % 5 === 0) {
      const owner = await client.settle('POST', '/api/v1/persons', { first_name: 'Reli', last_name: `Ability${index}`, date_of_birth: '1980-02-29', nationality: 'BE', gender: 'OTHER' }, randomUUID());
      ownerId = expectCreated(owner, 'register a person').id;
    }
    const body = { owner_id: ownerId, currency: plan.currency, overdraft_limit: amount(plan.overdraftCents) };
    const account = await client.settle('POST', '/api/v1/accounts', body, randomUUID());
    opened.push({ id: expectCreated(account, 'open an account').id, currency: plan.currency });
  }
  return opened;
}

function expectCreated(answer: Answer, what: string): { id: string } {
  if (answer.status !== 201) throw new Error(`could not ${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** How one operation's request is sent, to the final answer recorded for it. */
export type Sender = (client: BankClient, method: string, path: string, body: object) => Promise<Answer>;

/** The careful client: a new Idempotency-Key, the request sent again with it until the answer is final. */
export const settleWithNewKey: Sender = (client, method, path, body) => client.settle(method, path, body, randomUUID());

/** Once, without an Idempotency-Key. */
export const sendOnceWithoutKey: Sender = (client, method, path, body) => client.send(method, path, body);

/**
 * Runs every client of the workload at once, each its operations in order, each operation sent
 * the way `send` does it. Interest periods are given out in plan order, a new day for each
 * interest operation of an account, so none overlaps another and all lie in the past.
 */
export async function runClients(client: BankClient, plan: Workload, accounts: readonly OpenedAccount[], send: Sender = settleWithNewKey): Promise<Outcome[]> {
  const interestPeriods = new Map<Operation, number>();
  const interestCount = new Map<number, number>();
  for (const operation of plan.clients.flat()) {
    if (operation.kind !== 'interest') continue;
    const day = interestCount.get(operation.account) ?? 0;
    interestCount.set(operation.account, day + 1);
    interestPeriods.set(operation, day);
  }
  const outcomes: Outcome[] = [];
  await Promise.all(
    plan.clients.map(async (operations) => {
      for (const operation of operations) {
        const [method, path, body] = requestFor(operation, accounts, interestPeriods.get(operation) ?? 0);
        const answer = await send(client, method, path, body);
        if (!finalStatuses[operation.kind].includes(answer.status)) {
          client.misbehaviours.push({ request: `${method} ${path} ${JSON.stringify(body)}`, what: `a valid request answered ${answer.status} ${JSON.stringify(answer.body)}` });
        }
        outcomes.push({ operation, answer });
      }
    }),
  );
  return outcomes;
}

/** The request an operation is sent as: method, path and body. */
export function requestFor(operation: Operation, accounts: readonly OpenedAccount[], interestDay: number): [string, string, object] {
  switch (operation.kind) {
    case 'deposit':
      return ['POST', `/api/v1/accounts/${accounts[operation.account].id}/deposit`, { amount: amount(operation.cents), description: 'reliability deposit' }];
    case 'withdraw':
      return ['POST', '/api/v1/transactions/withdrawal', { account_id: accounts[operation.account].id, amount: amount(operation.cents), description: 'reliability withdrawal' }];
    case 'transfer':
      return ['POST', '/api/v1/transactions/transfer', { from_account_id: accounts[operation.from].id, to_account_id: accounts[operation.to].id, amount: amount(operation.cents), description: 'reliability transfer' }];
    case 'interest':
      return ['POST', '/api/v1/transactions/interest', { account_id: accounts[operation.account].id, amount: amount(operation.cents), ...dayPeriod(interestDay) }];
    case 'overdraft':
      return ['PUT', `/api/v1/accounts/${accounts[operation.account].id}/overdraft-limit`, { overdraft_limit: amount(operation.cents) }];
    case 'close':
      return ['POST', `/api/v1/accounts/${accounts[operation.account].id}/close`, { reason: 'reliability run' }];
  }
}

/** The n-th day from 1 January 2000: a whole day long past, as interest periods must be (thousands of them). */
function dayPeriod(n: number): { from: string; to: string } {
  const day = (days: number) => new Date(Date.UTC(2000, 0, 1 + days)).toISOString().slice(0, 10);
  return { from: day(n), to: day(n + 1) };
}

/** How the answers fell, e.g. `transfer 201: 12, transfer 422 INSUFFICIENT_FUNDS: 3`, for the report. */
export function tallyAnswers(outcomes: readonly Outcome[]): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const { operation, answer } of outcomes) {
    const name = `${operation.kind}:${answer.status}${answer.body?.code ? `:${answer.body.code}` : answer.body?.status ? `:${answer.body.status}` : ''}`;
    tally[name] = (tally[name] ?? 0) + 1;
  }
  return tally;
}
