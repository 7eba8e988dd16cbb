import { sinkSubscriptionName } from '@openbank/cloudevents';
import { ParkedEventStore } from '@openbank/projections';
import { eventually, startTestStores, type TestStores } from '@openbank/testing';
import type { CloudEventV1 } from 'cloudevents';
import { RecordingSink } from '../../../libs/platform/cloudevents/test/recording-sink.js';
import { startListeningTestApp, type ListeningTestApp as CloudEventsTestApp } from './test-app.js';
import { ServerSentEventReader, storedEvents, type StoredEvent } from './cloudevents-helpers.js';
import { alice, openAccount, registerPerson } from './http-helpers.js';

/** The public contract: the CloudEvent type of every stored event type (written out, not imported from the contexts, so a renamed type fails here). */
const cloudEventTypes: Record<string, string> = {
  PersonRegisteredDomainEventV1: 'bank.person.registered.v1',
  PersonAddressChangedDomainEventV2: 'bank.person.address-changed.v2',
  BankAccountCreatedDomainEventV2: 'bank.account.created.v2',
  OverdraftLimitChangedDomainEventV1: 'bank.account.overdraft-limit-changed.v1',
  BankAccountClosedDomainEventV1: 'bank.account.closed.v1',
  BankAccountTransactionRecordedDomainEventV1: 'bank.transaction.v1',
  TransferInitiatedDomainEventV1: 'bank.transfer.initiated.v1',
  TransferSourceDebitedDomainEventV1: 'bank.transfer.source-debited.v1',
  TransferTargetCreditedDomainEventV1: 'bank.transfer.target-credited.v1',
  TransferCreditRefusedDomainEventV1: 'bank.transfer.credit-refused.v1',
  TransferDebitReversedDomainEventV1: 'bank.transfer.debit-reversed.v1',
  TransferCompletedDomainEventV1: 'bank.transfer.completed.v1',
  TransferFailedDomainEventV1: 'bank.transfer.failed.v1',
};

const eur = (amount: string) => ({ amount, currency: 'EUR' });
const uuid = expect.stringMatching(/^[0-9a-f-]{36}$/);
const instant = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

describe('domain events leave as CloudEvents', () => {
  let stores: TestStores;
  let sink: RecordingSink;
  let app: CloudEventsTestApp;
  const settings = (sinkUrl: string, mode = 'binary') => ({
    TRANSFER_WAIT_MS: '0',
    CLOUDEVENTS_SINKS: sinkUrl,
    CLOUDEVENTS_MODE: mode,
    CLOUDEVENTS_INITIAL_BACKOFF_MS: '10',
    CLOUDEVENTS_MAX_BACKOFF_MS: '100',
  });
  const post = (path: string, body: object) => app.api.post(path).send(body);

  beforeAll(async () => {
    // Transfers move step by step here (no atomic appends), the only way every transfer event type occurs.
    stores = await startTestStores({ multiStreamAppend: false });
    sink = await RecordingSink.start();
    app = await startListeningTestApp(settings(sink.url), stores);
  });

  afterAll(async () => {
    await app?.stopApp();
    await sink?.down();
    await stores?.stop();
  });

  /** Waits until the sink took every event of these streams; answers them with what it received. */
  async function deliveredStreams(...streams: string[]): Promise<Map<string, { stored: StoredEvent[]; received: CloudEventV1<unknown>[] }>> {
    return eventually(async () => {
      const result = new Map<string, { stored: StoredEvent[]; received: CloudEventV1<unknown>[] }>();
      for (const stream of streams) {
        const stored = await storedEvents(app, stream);
        const ids = new Set(stored.map((event) => event.id));
        const received = sink.delivered.filter((event) => ids.has(event.id));
        expect(new Set(received.map((event) => event.id))).toEqual(ids);
        result.set(stream, { stored, received });
      }
      return result;
    }, 20_000);
  }

  const deposit = (account: string, amount: string, description = 'Deposit') => post(`/api/v1/accounts/${account}/deposit`, { amount, description }).expect(201);
  const transfer = (from: string, to: string, amount: string, description: string) =>
    post('/api/v1/transactions/transfer', { from_account_id: from, to_account_id: to, amount, description }).expect(202);

  const settled = (transferId: string, status: string) =>
    eventually(async () => {
      expect((await app.api.get(`/api/v1/transactions/transfers/${transferId}`).expect(200)).body.status).toBe(status);
    });

  it('publishes every event type as specified: ids, subjects, times, correlation, data, in order per aggregate', async () => {
    const person = await registerPerson(app.api, { ...alice });
    const address = { street: 'Rue Royale', number: '12', zip_code: '1000', city: 'Brussels', country: 'BE' };
    await app.api.put(`/api/v1/persons/${person}/address`).send(address).expect(200);
    const main = await openAccount(app.api, person, { overdraft_limit: '500.00' });
    const savings = await openAccount(app.api, person);
    const doomed = await openAccount(app.api, person);
    await deposit(main, '1000.00', 'Initial deposit');
    await post('/api/v1/transactions/withdrawal', { account_id: main, amount: '100.00', description: 'Rent' }).expect(201);
    await app.api.put(`/api/v1/accounts/${main}/overdraft-limit`).send({ overdraft_limit: '750.00' }).expect(200);
    const completed = (await transfer(main, savings, '30.00', 'Savings')).body.id;
    await settled(completed, 'COMPLETED');
    await post('/api/v1/transactions/interest', { account_id: savings, amount: '4.11', from: '2026-01-01', to: '2026-02-01' }).expect(201);
    // A transfer whose target closes before its credit: it fails, and the debit is given back.
    await app.subscriptions.stop('transfer-process');
    const failed = (await transfer(main, doomed, '20.00', 'Too late')).body.id;
    await post(`/api/v1/accounts/${doomed}/close`, { reason: 'moving abroad' }).expect(200);
    await app.subscriptions.start('transfer-process');
    await settled(failed, 'FAILED');

    const streams = [`person-${person}`, `account-${main}`, `account-${savings}`, `account-${doomed}`, `transfer-${completed}`, `transfer-${failed}`];
    const delivered = await deliveredStreams(...streams);

    for (const { stored, received } of delivered.values()) {
      // Each event once, in the order of its stream, with the attributes of the stored event.
      expect(received.map((event) => event.id)).toEqual(stored.map((event) => event.id));
      received.forEach((event, index) => {
        const { type, metadata } = stored[index];
        expect(event).toMatchObject({
          specversion: '1.0',
          source: 'openbank',
          type: cloudEventTypes[type],
          subject: metadata.aggregateId,
          time: new Date(metadata.occurredAt).toISOString(),
          datacontenttype: 'application/json',
          correlationid: metadata.correlationId,
          causationid: metadata.causationId,
        });
      });
    }
    const all = [...delivered.values()].flatMap(({ received }) => received);
    expect(new Set(all.map((event) => event.type))).toEqual(new Set(Object.values(cloudEventTypes)));
    expect(new Set(sink.delivered.map((event) => event.id)).size).toBe(sink.delivered.length);

    const dataOf = (stream: string, type: string) => delivered.get(stream)!.received.filter((event) => event.type === type).map((event) => event.data);
    expect(dataOf(`person-${person}`, 'bank.person.registered.v1')).toEqual([
      { person_id: person, first_name: 'Alice', last_name: 'Smith', date_of_birth: '1990-05-15', nationality: 'US', gender: 'FEMALE', registered_at: instant },
    ]);
    expect(dataOf(`person-${person}`, 'bank.person.address-changed.v2')).toEqual([{ person_id: person, address }]);
    expect(dataOf(`account-${main}`, 'bank.account.created.v2')).toEqual([
      { account_id: main, owner_id: person, currency: 'EUR', overdraft_limit: eur('500.00'), account_type: 'CHECKING', opened_at: instant },
    ]);
    expect(dataOf(`account-${main}`, 'bank.account.overdraft-limit-changed.v1')).toEqual([
      { account_id: main, previous_limit: eur('500.00'), new_limit: eur('750.00') },
    ]);
    expect(dataOf(`account-${doomed}`, 'bank.account.closed.v1')).toEqual([
      { account_id: doomed, reason: 'moving abroad', final_balance: eur('0.00'), closed_at: instant },
    ]);
    const transaction = (fields: object) => ({ transaction_id: uuid, at: instant, ...fields });
    expect(dataOf(`account-${main}`, 'bank.transaction.v1')).toEqual([
      { account_id: main, transaction: transaction({ type: 'DEPOSIT', direction: 'IN', amount: eur('1000.00'), description: 'Initial deposit', balance_after: eur('1000.00') }) },
      { account_id: main, transaction: transaction({ type: 'WITHDRAWAL', direction: 'OUT', amount: eur('100.00'), description: 'Rent', balance_after: eur('900.00') }) },
      {
        account_id: main,
        transaction: transaction({ type: 'TRANSFER', direction: 'OUT', amount: eur('30.00'), description: 'Savings', balance_after: eur('870.00'), transfer_id: completed, counterparty_account_id: savings }),
      },
      {
        account_id: main,
        transaction: transaction({ type: 'TRANSFER', direction: 'OUT', amount: eur('20.00'), description: 'Too late', balance_after: eur('850.00'), transfer_id: failed, counterparty_account_id: doomed }),
      },
      {
        account_id: main,
        transaction: transaction({
          type: 'TRANSFER',
          direction: 'IN',
          amount: eur('20.00'),
          description: expect.stringContaining(`Reversal of transfer ${failed}`),
          balance_after: eur('870.00'),
          transfer_id: failed,
          reverses: uuid,
        }),
      },
    ]);
    expect(dataOf(`account-${savings}`, 'bank.transaction.v1')).toEqual([
      {
        account_id: savings,
        transaction: transaction({ type: 'TRANSFER', direction: 'IN', amount: eur('30.00'), description: 'Savings', balance_after: eur('30.00'), transfer_id: completed, counterparty_account_id: main }),
      },
      {
        account_id: savings,
        transaction: transaction({ type: 'INTEREST', direction: 'IN', amount: eur('4.11'), description: expect.any(String), balance_after: eur('34.11'), interest_period: { from: '2026-01-01', to: '2026-02-01' } }),
      },
    ]);
    expect(delivered.get(`transfer-${completed}`)!.received.map((event) => [event.type, event.data])).toEqual([
      ['bank.transfer.initiated.v1', { transfer_id: completed, from_account_id: main, to_account_id: savings, amount: eur('30.00'), description: 'Savings', initiated_at: instant }],
      ['bank.transfer.source-debited.v1', { transfer_id: completed, transaction_id: uuid }],
      ['bank.transfer.target-credited.v1', { transfer_id: completed, transaction_id: uuid }],
      ['bank.transfer.completed.v1', { transfer_id: completed, completed_at: instant }],
    ]);
    expect(delivered.get(`transfer-${failed}`)!.received.map((event) => [event.type, event.data])).toEqual([
      ['bank.transfer.initiated.v1', expect.objectContaining({ transfer_id: failed, amount: eur('20.00') })],
      ['bank.transfer.source-debited.v1', { transfer_id: failed, transaction_id: uuid }],
      ['bank.transfer.credit-refused.v1', { transfer_id: failed, code: 'BANK_ACCOUNT_CLOSED', reason: expect.any(String) }],
      ['bank.transfer.debit-reversed.v1', { transfer_id: failed, transaction_id: uuid }],
      ['bank.transfer.failed.v1', { transfer_id: failed, code: 'BANK_ACCOUNT_CLOSED', reason: expect.any(String), compensated: true, failed_at: instant }],
    ]);
  });

  const sinkSubscription = () => sinkSubscriptionName(sink.url);
  const parkedForSink = () => app.app.get(ParkedEventStore).list(sinkSubscription());
  const newAccount = async () => openAccount(app.api, await registerPerson(app.api));
  const attemptsAt = (eventId: string) => sink.requests.filter((request) => request.event.id === eventId).length;

  it('holds the events while the sink fails or is away, and then delivers every one, in order, without parking any', async () => {
    const account = await newAccount();
    await deliveredStreams(`account-${account}`);
    sink.answer = () => 503;
    for (const amount of ['1.00', '2.00', '3.00']) await deposit(account, amount);
    const [, ...held] = (await storedEvents(app, `account-${account}`)).map((event) => event.id);
    // Many failed attempts at the first one: a sink failing or away is temporary, never a reason to park.
    await eventually(() => expect(attemptsAt(held[0])).toBeGreaterThan(8));
    await sink.down();
    await eventually(async () => {
      const status = await app.subscriptions.status(sinkSubscription());
      expect(status.caughtUp).toBe(false);
      expect(status.inFlight).toBeGreaterThanOrEqual(1);
    });
    sink.answer = () => 204;
    await sink.up();

    const { stored, received } = (await deliveredStreams(`account-${account}`)).get(`account-${account}`)!;
    expect(received.map((event) => event.id)).toEqual(stored.map((event) => event.id));
    // Strictly one event at a time: none was tried before the one ahead of it was delivered.
    const tried = sink.requests.map((request) => request.event.id).filter((id) => held.includes(id));
    expect(tried.filter((id, index) => id !== tried[index - 1])).toEqual(held);
    expect(await parkedForSink()).toEqual([]);
  });

  it('parks an event the sink refuses (4xx) for an operator, goes on with the next, and delivers it when replayed', async () => {
    const account = await newAccount();
    await deliveredStreams(`account-${account}`);
    sink.answer = (event) => ((event.data as { transaction?: { description?: string } }).transaction?.description === 'Refused' ? 422 : 204);
    await deposit(account, '5.00', 'Refused');
    await deposit(account, '6.00', 'Accepted');
    const [, refused, accepted] = await storedEvents(app, `account-${account}`);
    const parked = await eventually(async () => {
      const entries = await parkedForSink();
      expect(entries.map((entry) => entry.event_id)).toEqual([refused.id]);
      return entries;
    });
    expect(parked[0].error).toMatch(/^CloudEventRefused: http:\/\/127\.0\.0\.1:\d+\/events answered 422/);
    await eventually(() => expect(sink.delivered.map((event) => event.id)).toContain(accepted.id));
    expect(sink.delivered.map((event) => event.id)).not.toContain(refused.id);
    // A refusal is permanent: parked at the first one, the event was not sent again.
    expect(attemptsAt(refused.id)).toBe(1);
    expect(parked[0].attempts).toBe(1);

    sink.answer = () => 204;
    const admin = await app.as('admin');
    const replay = await admin.post(`/api/v1/admin/parked-events/replay?subscription=${encodeURIComponent(sinkSubscription())}`).expect(200);
    expect(replay.body).toEqual({ replayed: 1, still_parked: [] });
    expect(sink.delivered.filter((event) => event.id === refused.id)).toHaveLength(1);
    expect(await parkedForSink()).toEqual([]);
  });

  it('shows staff the CloudEvents as they happen, as server-sent events, to every watcher', async () => {
    const account = await newAccount();
    const stop = new AbortController();
    const watch = async (role?: 'teller' | 'customer') => {
      const headers: Record<string, string> = role ? { authorization: `Bearer ${await app.token(role, role === 'customer' ? account : undefined)}` } : {};
      return fetch(`${app.baseUrl}/api/v1/events/stream`, { headers, signal: stop.signal });
    };
    try {
      const watchers = await Promise.all([watch('teller'), watch('teller')]);
      for (const response of watchers) {
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      }
      const readers = watchers.map((response) => new ServerSentEventReader(response));
      await Promise.all(readers.map((reader) => reader.next((message) => message.comment === 'live')));
      await deposit(account, '7.00', 'Watched');
      const [, watched] = await storedEvents(app, `account-${account}`);
      for (const reader of readers) {
        const message = await reader.next((candidate) => candidate.id === watched.id);
        expect(message.event).toBe('bank.transaction.v1');
        expect(JSON.parse(message.data!)).toMatchObject({
          specversion: '1.0',
          id: watched.id,
          source: 'openbank',
          type: 'bank.transaction.v1',
          subject: account,
          correlationid: watched.metadata.correlationId,
          data: { account_id: account, transaction: { type: 'DEPOSIT', amount: eur('7.00'), description: 'Watched' } },
        });
      }
      for (const [role, status] of [[undefined, 401], ['customer', 403]] as const) {
        const refused = await watch(role);
        expect({ status: refused.status, body: await refused.json() }).toMatchObject({ status, body: { status } });
      }
    } finally {
      stop.abort();
    }
    const document = (await app.api.get('/api/docs-json').expect(200)).body;
    expect(document.paths['/api/v1/events/stream'].get).toMatchObject({ tags: ['events'], responses: { 200: { content: { 'text/event-stream': expect.any(Object) } } } });
  });

  it('resumes from its checkpoint after a restart: nothing lost, nothing delivered before sent again', async () => {
    const account = await newAccount();
    await deliveredStreams(`account-${account}`);
    sink.answer = () => 503;
    await deposit(account, '8.00');
    await deposit(account, '9.00');
    const [, inFlight] = await storedEvents(app, `account-${account}`);
    await eventually(() => expect(attemptsAt(inFlight.id)).toBeGreaterThan(0));
    await app.stopApp();
    const deliveredBefore = sink.delivered.map((event) => event.id);
    const requestsBefore = sink.requests.length;

    sink.answer = () => 204;
    app = await startListeningTestApp(settings(sink.url, 'structured'), stores);
    const { stored, received } = (await deliveredStreams(`account-${account}`)).get(`account-${account}`)!;
    expect(received.map((event) => event.id)).toEqual(stored.map((event) => event.id));
    const deliveredAfter = sink.delivered.slice(deliveredBefore.length).map((event) => event.id);
    expect(deliveredAfter.filter((id) => deliveredBefore.includes(id))).toEqual([]);
    expect(sink.requests.slice(requestsBefore).every((request) => /^application\/cloudevents\+json/.test(String(request.headers['content-type'])))).toBe(true);
  });
});
