/**
 * The peer: the same deposit written the way Emmett 0.20 documents it, on the EventStoreDB client
 * (6.x) against the same embedded KurrentDB: an Express API of emmett-expressjs, a CommandHandler
 * that reads the account's stream, decides and appends at the revision it read.
 *
 * Emmett's own version-conflict retry never fires here: emmett-esdb throws the conflict class of its
 * own bundled copy of Emmett, not the one the CommandHandler checks for. A careful user retries
 * what the API answers with 412 (a concurrent deposit won the race) instead, as done below.
 * Started as a process of its own: `tsx bench/peers/emmett-bank.ts <connection string>`.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CommandHandler, type Event } from '@event-driven-io/emmett';
import { getEventStoreDBEventStore } from '@event-driven-io/emmett-esdb';
import { Created, getApplication, on, startAPI } from '@event-driven-io/emmett-expressjs';
import { EventStoreDBClient } from '@eventstore/db-client';
import { Router, type Request } from 'express';

type AccountOpened = Event<'AccountOpened', { accountId: string; currency: string }>;
type MoneyDeposited = Event<'MoneyDeposited', { accountId: string; transactionId: string; amount: number; balanceAfter: number }>;
type AccountEvent = AccountOpened | MoneyDeposited;
type Account = { status: 'none' } | { status: 'open'; balance: number };

const evolve = (state: Account, event: AccountEvent): Account => {
  switch (event.type) {
    case 'AccountOpened':
      return { status: 'open', balance: 0 };
    case 'MoneyDeposited':
      return { status: 'open', balance: event.data.balanceAfter };
  }
};

const handle = CommandHandler<Account, AccountEvent>({ evolve, initialState: () => ({ status: 'none' }), mapToStreamId: (id) => `emmett-account-${id}` });

function deposit(state: Account, accountId: string, amount: number): MoneyDeposited {
  if (state.status !== 'open') throw Object.assign(new Error('account not open'), { errorCode: 404 });
  if (!(amount > 0)) throw Object.assign(new Error('amount must be positive'), { errorCode: 400 });
  return { type: 'MoneyDeposited', data: { accountId, transactionId: randomUUID(), amount, balanceAfter: state.balance + amount } };
}

/** Tries again while the append meets a concurrent one (412): the retry Emmett's own does not give here. */
async function retryingConflicts<T>(attempt: () => Promise<T>, attempts = 20): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if ((error as { errorCode?: number }).errorCode !== 412 || tried >= attempts) throw error;
    }
  }
}

const connectionString = process.argv[2].replace(/^kurrentdb:/, 'esdb:');
const eventStore = getEventStoreDBEventStore(EventStoreDBClient.connectionString(connectionString));

const accounts = (router: Router) => {
  router.post(
    '/accounts',
    on(async () => {
      const accountId = randomUUID();
      await handle(eventStore, accountId, () => ({ type: 'AccountOpened', data: { accountId, currency: 'EUR' } }) as AccountOpened);
      return Created({ createdId: accountId });
    }),
  );
  router.post(
    '/accounts/:id/deposit',
    on(async (request: Request<{ id: string }, unknown, { amount: string }>) => {
      const accountId = request.params.id;
      const amount = Number(request.body.amount);
      const result = await retryingConflicts(() => handle(eventStore, accountId, (state) => deposit(state, accountId, amount)));
      return Created({ createdId: `${accountId}/${result.nextExpectedStreamVersion}` });
    }),
  );
};

const server = startAPI(getApplication({ apis: [accounts] }), { port: 0 });
server.on('listening', () => process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
