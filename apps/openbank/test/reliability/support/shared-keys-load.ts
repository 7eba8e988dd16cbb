import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { BankClient, type Answer } from './bank-client.js';
import { signToken } from './bank-processes.js';
import { amount, finalStatuses, requestFor, type OpenedAccount, type Outcome } from './bank-run.js';
import type { Operation } from './workload.js';

/** One caller of the bank, with a client on each API instance: the same token, two processes. */
export interface Caller {
  readonly name: string;
  readonly instances: readonly [BankClient, BankClient];
  /** The accounts (by index) it may withdraw from and transfer out of. */
  readonly owns: readonly number[];
}

/** The callers of a round and the accounts they share. */
export interface SharedAccounts {
  readonly accounts: readonly OpenedAccount[];
  readonly customerA: Caller;
  readonly customerB: Caller;
  readonly teller: Caller;
}

/** Which instance gets an operation: one of them, or both at once with the same key. */
type Delivery = 'first' | 'second' | 'both';

interface KeyedOperation {
  readonly operation: Operation;
  readonly key: string;
  readonly delivery: Delivery;
}

/** An operation sent, with the final answer it got. */
export interface SentOperation extends Outcome {
  readonly caller: Caller;
  readonly keyed: KeyedOperation;
}

export interface SharedKeySize {
  readonly clientsPerCaller: number;
  readonly operationsPerClient: number;
}

const accountsPerPerson = 2;
const clientOptions = { answerWithinMs: 30_000, giveUpAfterMs: 120_000 };

/**
 * A teller registers customers A and B and a third person, and opens two accounts for each;
 * A's first account is the hot one every caller deposits into. Each caller gets a client on
 * each API instance.
 */
export async function openSharedAccounts(apiUrls: readonly [string, string], overdraftCents: readonly number[]): Promise<SharedAccounts> {
  const tellerToken = await signToken('teller');
  const clientsOf = (token: string): [BankClient, BankClient] => [new BankClient(apiUrls[0], token, clientOptions), new BankClient(apiUrls[1], token, clientOptions)];
  const tellerClients = clientsOf(tellerToken);
  const accounts: OpenedAccount[] = [];
  const persons: string[] = [];
  for (const [person, name] of ['A', 'B', 'C'].entries()) {
    const registered = await tellerClients[person % 2].settle('POST', '/api/v1/persons', { first_name: 'Shared', last_name: `Keys${name}`, date_of_birth: '1980-02-29', nationality: 'BE', gender: 'OTHER' }, randomUUID());
    persons.push(created(registered, 'register a person').id);
    for (let index = 0; index < accountsPerPerson; index++) {
      const overdraft = amount(overdraftCents[accounts.length % overdraftCents.length]);
      const opened = await tellerClients[index].settle('POST', '/api/v1/accounts', { owner_id: persons[person], currency: 'EUR', overdraft_limit: overdraft }, randomUUID());
      accounts.push({ id: created(opened, 'open an account').id, currency: 'EUR' });
    }
  }
  const owned = (person: number) => Array.from({ length: accountsPerPerson }, (_, index) => person * accountsPerPerson + index);
  return {
    accounts,
    customerA: { name: 'customer A', instances: clientsOf(await signToken('customer', persons[0])), owns: owned(0) },
    customerB: { name: 'customer B', instances: clientsOf(await signToken('customer', persons[1])), owns: owned(1) },
    teller: { name: 'teller', instances: tellerClients, owns: accounts.map((_, index) => index) },
  };
}

function created(answer: Answer, what: string): { id: string } {
  if (answer.status !== 201) throw new Error(`could not ${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * What each caller's clients send: the same keys for every caller (`<round>-<client>-<n>`), so
 * that keys collide across callers, and every fourth operation of every caller a deposit into the
 * hot account under that shared key, so that customer B reuses customer A's key on A's account at
 * the same moment, through either instance. Some operations go to both instances at once.
 */
export function sharedKeyPlan(callers: readonly Caller[], accountCount: number, size: SharedKeySize, round: string, seed: number): KeyedOperation[][][] {
  const cents = fc.integer({ min: 1, max: 200_000 });
  const delivery = fc.constantFrom<Delivery>('first', 'second', 'both');
  return callers.map((caller, callerIndex) => {
    const operations = fc.array(fc.tuple(operationOf(caller, accountCount), cents, delivery), { minLength: size.operationsPerClient * size.clientsPerCaller, maxLength: size.operationsPerClient * size.clientsPerCaller });
    const drawn = fc.sample(operations, { seed: seed + callerIndex, numRuns: 1 })[0];
    return Array.from({ length: size.clientsPerCaller }, (_, client) =>
      drawn.slice(client * size.operationsPerClient, (client + 1) * size.operationsPerClient).map(([operation, depositCents, sentTo], index) => ({
        operation: index % 4 === 0 ? { kind: 'deposit' as const, account: 0, cents: depositCents } : operation,
        key: `${round}-${client}-${index}`,
        delivery: sentTo,
      })),
    );
  });
}

function operationOf(caller: Caller, accountCount: number): fc.Arbitrary<Operation> {
  // Half the targets are the first two accounts, so that callers race on the same streams.
  const target = fc.oneof(fc.nat({ max: 1 }), fc.nat({ max: accountCount - 1 }));
  const own = fc.constantFrom(...caller.owns);
  const cents = fc.integer({ min: 1, max: 200_000 });
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('deposit' as const), account: target, cents }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), account: own, cents }) },
    { weight: 4, arbitrary: fc.tuple(own, target, cents).filter(([from, to]) => from !== to).map(([from, to, moved]) => ({ kind: 'transfer' as const, from, to, cents: moved })) },
  );
}

/** Runs every client of every caller at once, each its operations in order, each settled with its key. */
export async function runSharedKeyLoad(callers: readonly Caller[], plan: KeyedOperation[][][], accounts: readonly OpenedAccount[]): Promise<SentOperation[]> {
  const sent: SentOperation[] = [];
  await Promise.all(
    callers.flatMap((caller, callerIndex) =>
      plan[callerIndex].map(async (operations) => {
        for (const keyed of operations) sent.push({ caller, keyed, operation: keyed.operation, answer: await send(caller, keyed, accounts) });
      }),
    ),
  );
  return sent;
}

async function send(caller: Caller, { operation, key, delivery }: KeyedOperation, accounts: readonly OpenedAccount[]): Promise<Answer> {
  const [method, path, body] = requestFor(operation, accounts, 0);
  const targets = delivery === 'both' ? caller.instances : [caller.instances[delivery === 'first' ? 0 : 1]];
  const [answer, other] = await Promise.all(targets.map((client) => client.settle(method, path, body, key)));
  const request = `${caller.name}: ${method} ${path} ${JSON.stringify(body)} (key ${key}, ${delivery})`;
  if (other && !sameAnswer(answer, other)) caller.instances[0].misbehaviours.push({ request, what: `the two instances answered one key differently: ${JSON.stringify(answer)} and ${JSON.stringify(other)}` });
  // Every key of a caller names one request of theirs: a refusal as reused means keys leaked across callers.
  if (!finalStatuses[operation.kind].includes(answer.status) || answer.body?.code === 'IDEMPOTENCY_KEY_REUSED') caller.instances[0].misbehaviours.push({ request, what: `a valid request answered ${answer.status} ${JSON.stringify(answer.body)}` });
  return answer;
}

/**
 * Sends every operation again with its key, through the instance that did not answer it first:
 * the answer must be the first one, and nothing new may be recorded (the ledger check that
 * follows counts every transaction). Returns how many were replayed.
 */
export async function replayEveryKey(sent: readonly SentOperation[], accounts: readonly OpenedAccount[]): Promise<number> {
  // A few at a time: a replay is a client's retry, not a load of its own.
  const queue = [...sent];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await replay(next, accounts);
    }),
  );
  return sent.length;
}

async function replay({ caller, keyed, answer }: SentOperation, accounts: readonly OpenedAccount[]): Promise<void> {
  const [method, path, body] = requestFor(keyed.operation, accounts, 0);
  const replayed = await caller.instances[keyed.delivery === 'first' ? 1 : 0].settle(method, path, body, keyed.key);
  if (!sameAnswer(answer, replayed)) {
    caller.instances[0].misbehaviours.push({ request: `${caller.name}: ${method} ${path} (key ${keyed.key}) replayed`, what: `answered ${JSON.stringify(replayed)}, first ${JSON.stringify(answer)}` });
  }
}

export const sameAnswer = (first: Answer, second: Answer) => first.status === second.status && isDeepStrictEqual(first.body, second.body);
