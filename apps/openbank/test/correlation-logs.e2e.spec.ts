import { eventually, startTestStores } from '@openbank/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { alice, openAccount } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

type LogLine = Record<string, any>;

/**
 * The correlation id in the structured logs, end to end: lines logged while a request is
 * handled carry the request's, and lines logged while a projection, a process or a CloudEvent
 * sink handles an event carry the event's (the request's that recorded it), with the event.
 */
describe('the correlation id in the logs', () => {
  let app: TestApp;
  let sink: Server;
  const raw: string[] = [];
  const lines = () => raw.map((line) => JSON.parse(line) as LogLine);
  const linesWith = (correlationId: string) => lines().filter((line) => line.correlationId === correlationId);
  const deliveries: number[] = [];

  beforeAll(async () => {
    // A sink that is down for the first delivery, then takes everything.
    sink = createServer((request, response) => {
      request.resume().on('end', () => {
        deliveries.push(deliveries.length === 0 ? 503 : 204);
        response.writeHead(deliveries.at(-1)!).end();
      });
    });
    await new Promise<void>((listening) => sink.listen(0, '127.0.0.1', listening));
    const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/events`;
    // Transfers move step by step (no atomic appends), so the transfer process has lines to log.
    app = await startTestApp({ LOG_LEVEL: 'debug', CLOUDEVENTS_SINKS: sinkUrl, CLOUDEVENTS_INITIAL_BACKOFF_MS: '20' }, await startTestStores({ multiStreamAppend: false }), {
      logDestination: { write: (line: string) => void raw.push(line) },
    });
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((closed) => sink?.close(closed));
  });

  it('is on every line logged while a command is handled, and on the line that closes the request', async () => {
    await app.api.post('/api/v1/accounts').set('x-correlation-id', 'logs-refused-open').send({ owner_id: '6f1c2a4e-0000-4000-8000-000000000001' }).expect(422);

    // The closing line is written once the answer has gone out: it may follow the answer by a moment.
    await eventually(() => expect(linesWith('logs-refused-open')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'command handled', command: 'OpenBankAccountCommand', outcome: 'refused', code: 'OWNER_NOT_FOUND' }),
        expect.objectContaining({ msg: 'request completed', req: expect.objectContaining({ method: 'POST', url: '/api/v1/accounts' }), res: expect.objectContaining({ statusCode: 422 }) }),
      ]),
    ));
  });

  it('is on the lines a CloudEvent sink logs while it retries an event, with the event', async () => {
    const person = (await app.api.post('/api/v1/persons').set('x-correlation-id', 'logs-register').send(alice).expect(201)).body.id as string;
    await eventually(() => expect(deliveries).toEqual([503, 204]));

    const retry = linesWith('logs-register').find((line) => line.msg === 'CloudEvent not delivered; retrying');
    expect(retry).toMatchObject({
      event: { type: 'PersonRegisteredDomainEventV1', stream: `person-${person}`, revision: '0', id: expect.any(String) },
      causationId: expect.any(String),
      attempt: 1,
    });
    expect(retry!.event.id).toBe(retry!.eventId);
    expect(linesWith('logs-register')).toEqual(expect.arrayContaining([expect.objectContaining({ msg: 'command handled', command: 'RegisterPersonCommand', outcome: 'accepted' })]));
  });

  it('is on the lines the transfer process logs while it handles the transfer’s events, and on the command that started the transfer', async () => {
    const owner = (await app.api.post('/api/v1/persons').send(alice).expect(201)).body.id as string;
    const [from, to] = [await openAccount(app.api, owner), await openAccount(app.api, owner)];
    await app.api.post(`/api/v1/accounts/${from}/deposit`).send({ amount: '100.00' }).expect(201);
    // The target closes while the transfer waits for its process, so the credit is refused.
    await app.subscriptions.stop('transfer-process');
    const transfer = await app.api
      .post('/api/v1/transactions/transfer')
      .set('x-correlation-id', 'logs-transfer')
      .send({ from_account_id: from, to_account_id: to, amount: '30.00' })
      .expect(202);
    await app.api.post(`/api/v1/accounts/${to}/close`).send({ reason: 'closed while the transfer waited' }).expect(200);
    await app.subscriptions.start('transfer-process');
    await eventually(async () => expect((await app.api.get(`/api/v1/transactions/transfers/${transfer.body.id}`).expect(200)).body.status).toBe('FAILED'));

    const logged = linesWith('logs-transfer');
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'transfer credit refused', code: 'BANK_ACCOUNT_CLOSED', event: expect.objectContaining({ type: 'TransferSourceDebitedDomainEventV1', stream: `transfer-${transfer.body.id}` }) }),
        expect.objectContaining({ msg: 'command handled', command: 'TransferMoneyCommand', outcome: 'accepted' }),
      ]),
    );
    // The process's lines are caused by the event it handles, not by the request.
    const processLine = logged.find((line) => line.msg === 'transfer credit refused')!;
    expect(processLine.causationId).not.toBe('logs-transfer');
  });

  it('never writes the correlation id twice on one line', () => {
    expect(raw.filter((line) => line.split('"correlationId":').length > 2)).toEqual([]);
    expect(raw.length).toBeGreaterThan(0);
  });
});
