import { getModelToken } from '@nestjs/mongoose';
import type { TestingModule } from '@nestjs/testing';
import { KurrentDBClient, jsonEvent } from '@kurrent/kurrentdb-client';
import { AggregateCommandRunner, type CommandContext } from '@openbank/event-sourcing';
import { eventually, startTestStores, type TestStores } from '@openbank/testing';
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { Tally, TalliedV1, TallyDocument, TallyProjection, observe, poison, startTallies } from '../../test/tally.fixtures.js';
import { CheckpointStore } from '../checkpoints/checkpoint.store.js';
import { ParkedEventStore } from '../parking/parked-event.store.js';
import { SubscriptionHost } from './subscription-host.js';

const context: CommandContext = { correlationId: 'c', causationId: 'c', principal: { id: 'tester' } };

describe('projections fed by checkpointed subscriptions', () => {
  let stores: TestStores;
  let app: TestingModule;
  let tallies: Model<TallyDocument>;
  let host: SubscriptionHost;
  let runner: AggregateCommandRunner;

  beforeAll(async () => {
    stores = await startTestStores();
    app = await startTallies(stores.kurrentdb, stores.mongodb, stores.mongoDatabase);
    tallies = app.get(getModelToken(TallyDocument.name));
    host = app.get(SubscriptionHost);
    runner = app.get(AggregateCommandRunner);
  });

  afterAll(async () => {
    await app?.close();
    await stores?.stop();
  });

  const tally = async (id: string, by: number) => runner.execute(Tally, id, context, () => [new TalliedV1({ by })]);
  const settled = async (id: string, by: number) => {
    const outcome = await tally(id, by);
    await host.waitUntilProcessed(outcome.position!);
    return outcome;
  };
  const documentOf = (id: string) => tallies.findById(id).lean().exec();

  it('projects each event into its document, with the revision it reflects', async () => {
    const id = randomUUID();
    await tally(id, 2);
    await settled(id, 3);
    expect(await documentOf(id)).toMatchObject({ total: 5, last_revision: 1 });
  });

  it('changes nothing when events are replayed from an older checkpoint', async () => {
    const id = randomUUID();
    await tally(id, 1);
    await settled(id, 1);
    await host.stop('tallies');
    await app.get(CheckpointStore).clear('tallies');
    await host.start('tallies');
    const marker = randomUUID();
    await settled(marker, 1);
    expect(await documentOf(id)).toMatchObject({ total: 2, last_revision: 1 });
  });

  it('resumes after a restart from its stored checkpoint, without handling old events again', async () => {
    const id = randomUUID();
    await settled(id, 1);
    await host.stop('tallies');
    const saved = await app.get(CheckpointStore).load('tallies');
    expect(saved).toBeDefined();
    const projection = app.get(TallyProjection);
    const before = projection.handled;
    await tally(id, 10);
    const last = await tally(id, 100);
    await host.start('tallies');
    await host.waitUntilProcessed(last.position!);
    expect(projection.handled - before).toBe(2);
    expect(await documentOf(id)).toMatchObject({ total: 111, last_revision: 2 });
  });

  it('never moves its position past an event it has not processed, whatever the server reports meanwhile', async () => {
    const id = randomUUID();
    const ahead: string[] = [];
    // A slow projection; meanwhile many events of other types make the server report its position.
    observe.evolving = async (record) => {
      const position = host.progressOf('tallies').position;
      if (position && record.position && position.commit >= record.position.commit) ahead.push(`at ${position.commit} before handling ${record.position.commit}`);
      await new Promise((resolve) => setTimeout(resolve, 30));
    };
    try {
      await tally(id, 1);
      await tally(id, 2);
      const last = await tally(id, 3);
      const client = app.get(KurrentDBClient);
      for (let batch = 0; batch < 4; batch++) {
        await client.appendToStream(`noise-${randomUUID()}`, Array.from({ length: 50 }, () => jsonEvent({ type: 'NoiseV1', data: {} })));
      }
      await host.waitUntilProcessed(last.position!);
      expect(await documentOf(id)).toMatchObject({ total: 6, last_revision: 2 });
      expect(ahead).toEqual([]);
    } finally {
      observe.evolving = undefined;
    }
  });

  it('reports how far behind a stopped subscription is, in events and time', async () => {
    await host.stop('tallies');
    const id = randomUUID();
    await tally(id, 1);
    const last = await tally(id, 1);
    const status = await host.status('tallies');
    expect(status).toMatchObject({ running: false, lag: { events: 2, eventsCapped: false } });
    expect(status.lag.milliseconds).toBeGreaterThanOrEqual(0);
    await host.start('tallies');
    await host.waitUntilProcessed(last.position!);
    expect((await host.status('tallies')).lag.events).toBe(0);
  });

  it('parks a poison event, marks its document stale, goes on, and replays it once fixed', async () => {
    const sick = randomUUID();
    const healthy = randomUUID();
    await settled(sick, 1);
    await settled(sick, poison.amount);
    await settled(healthy, 5);

    expect(await documentOf(healthy)).toMatchObject({ total: 5 });
    expect(await documentOf(sick)).toMatchObject({ total: 1, stale: true });
    const parked = await app.get(ParkedEventStore).list('tallies');
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ event_type: 'TalliedV1', stream_id: `tally-${sick}`, revision: '1', error: 'Error: cannot tally the poison amount' });
    expect((await host.status('tallies')).parked).toBe(1);

    poison.cured = true;
    try {
      await host.replayParked(parked[0]._id);
      expect(await documentOf(sick)).toMatchObject({ total: 1 + poison.amount, last_revision: 1, stale: false });
      expect(await app.get(ParkedEventStore).list('tallies')).toHaveLength(0);
    } finally {
      poison.cured = false;
    }
  });

  it('rebuilds a missing document from the write model', async () => {
    const id = randomUUID();
    await tally(id, 4);
    await settled(id, 4);
    await tallies.deleteOne({ _id: id }).exec();
    // A new instance remembers nothing it wrote: only the write model can tell what the document was.
    await app.close();
    app = await startTallies(stores.kurrentdb, stores.mongodb, stores.mongoDatabase);
    tallies = app.get(getModelToken(TallyDocument.name));
    host = app.get(SubscriptionHost);
    runner = app.get(AggregateCommandRunner);
    await settled(id, 4);
    expect(await documentOf(id)).toMatchObject({ total: 12, last_revision: 2 });
  });

  it('rebuilds the whole read model from $all', async () => {
    const id = randomUUID();
    await tally(id, 7);
    await settled(id, 7);
    await tallies.updateOne({ _id: id }, { $set: { total: -1 } }).exec();
    await host.rebuild('tallies');
    const marker = await tally(randomUUID(), 1);
    await host.waitUntilProcessed(marker.position!);
    await eventually(async () => expect(await documentOf(id)).toMatchObject({ total: 14, last_revision: 1 }));
  });
});
