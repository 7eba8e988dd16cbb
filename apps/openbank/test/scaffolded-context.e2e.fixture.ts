import { randomUUID } from 'node:crypto';
import { eventually } from '@openbank/testing';
import { expectProblem } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

/**
 * Not a spec here: scaffolding.e2e.spec.ts copies it, as loan-offers.e2e.spec.ts, into a copy of
 * the workspace where the schematics generated the loan-offers context, its approve-loan-offer
 * command and its loan-offer-activity read model, and runs it there against the whole application
 * (the API and, in the same process, a projector: both get the context from BankModule).
 */
describe('the generated loan-offers context, end to end', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  const openLoanOffer = async () => (await app.api.post('/api/v1/loan-offers').send({ title: 'Spring offer' }).expect(201)).body;

  it('opens a loan offer, then shows it once the read model caught up', async () => {
    const opened = await openLoanOffer();
    expect(opened).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), title: 'Spring offer', status: 'OPEN', opened_at: expect.any(String), last_modified: opened.opened_at, revision: 0 });
    const shown = await eventually(async () => (await app.api.get(`/api/v1/loan-offers/${opened.id}`).expect(200)).body);
    expect(shown).toEqual(opened);
  });

  it('answers bad input and unknown ids with problems', async () => {
    const unknownField = await app.api.post('/api/v1/loan-offers').send({ title: 'Spring offer', rate: '5.00' });
    expectProblem(unknownField, 400, 'INVALID_REQUEST');
    expect(unknownField.body.errors).toEqual([{ field: 'rate', message: expect.any(String) }]);
    expectProblem(await app.api.post('/api/v1/loan-offers').send({ title: '   ' }), 400, 'INVALID_LOAN_OFFER_TITLE');
    expectProblem(await app.api.get(`/api/v1/loan-offers/${randomUUID()}`), 404, 'LOAN_OFFER_NOT_FOUND');
    expectProblem(await app.api.get('/api/v1/loan-offers/not-a-uuid'), 400, 'INVALID_REQUEST');
  });

  it('opens the same loan offer once for one Idempotency-Key', async () => {
    const key = `offer-${randomUUID()}`;
    const first = await app.api.post('/api/v1/loan-offers').set('idempotency-key', key).send({ title: 'Once' }).expect(201);
    const again = await app.api.post('/api/v1/loan-offers').set('idempotency-key', key).send({ title: 'Once' }).expect(201);
    expect(again.body).toEqual(first.body);
  });

  it("replays a loan offer's history from its stream", async () => {
    const opened = await openLoanOffer();
    const history = (await app.api.get(`/api/v1/loan-offers/${opened.id}/history`).expect(200)).body;
    expect(history).toEqual({ items: [{ revision: 0, event_type: 'LoanOfferOpenedDomainEventV1', occurred_at: opened.opened_at }] });
    expectProblem(await app.api.get(`/api/v1/loan-offers/${randomUUID()}/history`), 404, 'LOAN_OFFER_NOT_FOUND');
  });

  it('runs the added command, answering with the loan offer as its read model shows it, and serves the added read model', async () => {
    const opened = await openLoanOffer();
    // The command records nothing until its rules are written: the loan offer is as it was.
    expect((await app.api.post(`/api/v1/loan-offers/${opened.id}/approve`).send({ note: 'as agreed' }).expect(200)).body).toEqual(opened);
    expectProblem(await app.api.post(`/api/v1/loan-offers/${randomUUID()}/approve`).send({}), 404, 'LOAN_OFFER_NOT_FOUND');
    const activity = await eventually(async () => (await app.api.get(`/api/v1/loan-offers/${opened.id}/activity`).expect(200)).body);
    expect(activity).toEqual({ id: opened.id, events_count: 1, last_modified: opened.opened_at, revision: 0 });
  });

  it('runs its projections with the others, in the projections group the projector of this process consumes', async () => {
    for (const name of ['loan-offer-details', 'loan-offer-activity']) {
      expect(await app.subscriptions.status(name)).toMatchObject({ kind: 'projection', group: 'projections', running: true, consumer: { state: 'consuming' } });
    }
  });

  it('lets bank staff only call the generated routes', async () => {
    const customer = await app.as('customer', randomUUID());
    expect((await customer.post('/api/v1/loan-offers').send({ title: 'Spring offer' })).status).toBe(403);
  });
});
