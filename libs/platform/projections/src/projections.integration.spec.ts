import { getModelToken } from '@nestjs/mongoose';
import type { TestingModule } from '@nestjs/testing';
import { KurrentDBClient, jsonEvent } from '@kurrent/kurrentdb-client';
import { AggregateCommandRunner, RevisionConflict, type CommandContext } from '@openbank/event-sourcing';
import { eventually, startTestStores, type TestStores } from '@openbank/testing';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { Model } from 'mongoose';
import { Tally, TalliedV1, TallyDocument, TallyProjection, TallyWatcher, observe, poison, startTallies, watch } from '../test/tally.fixtures.js';
import { ParkedEventStore } from './parking/parked-event.store.js';
import { SubscriptionHost } from './subscription-host.js';

const context: CommandContext = { correlationId: 'c', causationId: 'c', principal: { id: 'tester' } };

describe('projections fed by the projections consumer group', () => {
  let stores: TestStores;
  let app: TestingModule;
  let tallies: Model<TallyDocument>;
  let host: SubscriptionHost;
  let runner: AggregateCommandRunner;
  const others: TestingModule[] = [];

  const startProjector = () => startTallies(stores.kurrentdb, stores.mongodb, stores.mongoDatabase);
  const use = (started: TestingModule) => {
    app = started;
    tallies = app.get(getModelToken(TallyDocument.name));
    host = app.get(SubscriptionHost);
    runner = app.get(AggregateCommandRunner);
  };

  beforeAll(async () => {
    stores = await startTestStores();
    use(await startProjector());
  });

  afterEach(async () => {
    observe.evolving = undefined;
    watch.handling = undefined;
    await Promise.all(others.splice(0).map((other) => other.close()));
  });

  afterAll(async () => {
    await app?.close();
    await stores?.stop();
  });

  const tally = (id: string, by: number | number[]) => runner.execute(Tally, id, context, () => [by].flat().map((amount) => new TalliedV1({ by: amount })));
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

  it('resumes after a restart where the group stands, without handling old events again', async () => {
    const id = randomUUID();
    await settled(id, 1);
    await app.close();
    await tally(id, 10);
    const last = await tally(id, 100);
    use(await startProjector());
    await host.waitUntilProcessed(last.position!);
    expect(app.get(TallyProjection).evolved).toEqual([`${id}@1`, `${id}@2`]);
    expect(await documentOf(id)).toMatchObject({ total: 111, last_revision: 2 });
  });

  it('applies in one batch what arrived while a batch was applied, in order per aggregate', async () => {
    const id = randomUUID();
    const projection = app.get(TallyProjection);
    const batches: number[] = [];
    const project = projection.project.bind(projection);
    projection.project = async (batch) => {
      batches.push(batch.length);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return project(batch);
    };
    try {
      await tally(id, 1);
      const outcomes = await Promise.all(Array.from({ length: 30 }, () => tally(randomUUID(), 1)));
      const last = await tally(id, [1, 1, 1]);
      await host.waitUntilProcessed(last.position!);
      await Promise.all(outcomes.map((outcome) => host.waitUntilProcessed(outcome.position!)));
    } finally {
      projection.project = project;
    }
    expect(batches.some((size) => size > 1)).toBe(true);
    expect(projection.evolved.filter((entry) => entry.startsWith(id))).toEqual([0, 1, 2, 3].map((revision) => `${id}@${revision}`));
    expect(await documentOf(id)).toMatchObject({ total: 4, last_revision: 3 });
  });

  it('catches up on a backlog in batches as large as the group allows, not one network window at a time', async () => {
    await host.stop('tallies');
    const projection = app.get(TallyProjection);
    const batches: number[] = [];
    const project = projection.project.bind(projection);
    projection.project = async (batch) => {
      // The first batch is slow, as writes are under load: what arrives meanwhile waits in the consumer.
      if (batches.push(batch.length) === 1) await new Promise((resolve) => setTimeout(resolve, 2000));
      return project(batch);
    };
    try {
      // 1,000 events waiting. An HTTP/2 window (64 KiB) carries about 60 of them.
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => tally(randomUUID(), Array.from({ length: 100 }, () => 1))));
      await host.start('tallies');
      await Promise.all(outcomes.map((outcome) => host.waitUntilProcessed(outcome.position!)));
    } finally {
      projection.project = project;
    }
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(1000);
    // More than two windows' worth: with the client's default buffer, no batch held more than one.
    expect(Math.max(...batches)).toBeGreaterThan(150);
  });

  it("moves a process manager's streams side by side, each stream's events in order", async () => {
    const [held, other] = [randomUUID(), randomUUID()];
    const watcher = app.get(TallyWatcher);
    let release!: () => void;
    const otherHandled = new Promise<void>((resolve) => (release = resolve));
    // The held stream's first event waits until the other stream's event is handled: one event
    // after the other, across streams, this would wait for ever.
    watch.handling = async (record) => {
      if (record.metadata.aggregateId === other) release();
      if (record.metadata.aggregateId === held && record.revision === 0n) await Promise.race([otherHandled, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    };
    await tally(held, 1);
    await tally(held, 2);
    await tally(other, 1);
    await eventually(() => expect(watcher.handled.filter((entry) => entry.startsWith(held))).toEqual([`${held}@0`, `${held}@1`]), 20_000);
    const handled = watcher.handled.filter((entry) => entry.startsWith(held) || entry.startsWith(other));
    expect(handled.indexOf(`${other}@0`)).toBeLessThan(handled.indexOf(`${held}@0`));
  }, 30_000);

  it("hands a process manager's group only the event types it takes, and counts it caught up after the newest of them", async () => {
    const received = async (name: string) => (await host.status(name)).consumer!.eventsReceived;
    const [watcherBefore, talliesBefore] = [await received('tally-watcher'), await received('tallies')];
    const last = await tally(randomUUID(), 1);
    // Events of a type no subscriber here takes, written after it: the newest in $all.
    const unrelated = Array.from({ length: 5 }, () => jsonEvent({ type: 'UnrelatedV1', data: { at: Date.now() } }));
    await app.get(KurrentDBClient).appendToStream(`unrelated-${randomUUID()}`, unrelated);
    await host.waitUntilProcessed(last.position!);
    await eventually(async () => expect(await received('tallies')).toBe(talliesBefore + 6));
    expect(await received('tally-watcher')).toBe(watcherBefore + 1);
    expect(await host.status('tally-watcher')).toMatchObject({ caughtUp: true, lagPosition: 0n });
  });

  it('lets a batch linger for more events under load, and applies an event after a quiet spell at once', async () => {
    await host.stop('tallies');
    const lingering = await startTallies(stores.kurrentdb, stores.mongodb, stores.mongoDatabase, { batchLingerMs: 400 });
    others.push(lingering);
    const theirs = lingering.get(SubscriptionHost);
    try {
      await eventually(async () => expect((await theirs.status('tallies')).consumer?.state).toBe('consuming'));
      const batchesBefore = (await theirs.status('tallies')).consumer!.batches;
      let last: Awaited<ReturnType<typeof tally>> | undefined;
      // Five events 20 ms apart: the first after a quiet spell goes alone; the next ones arrive
      // within the linger of each other and wait for one another.
      for (let index = 0; index < 5; index++) {
        last = await tally(randomUUID(), 1);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await theirs.waitUntilProcessed(last!.position!);
      const batches = (await theirs.status('tallies')).consumer!.batches - batchesBefore;
      expect(batches).toBeGreaterThanOrEqual(2);
      expect(batches).toBeLessThanOrEqual(3);
    } finally {
      await host.start('tallies');
    }
  });

  it('reports how far behind it is from positions, while no projector consumes the group', async () => {
    await host.stop('tallies');
    const id = randomUUID();
    await tally(id, 1);
    const last = await tally(id, 1);
    const behind = await host.status('tallies');
    expect(behind).toMatchObject({ group: 'projections', running: false, consumers: 0, caughtUp: false });
    expect(behind.lagPosition).toBeGreaterThan(0n);
    expect(behind.lagMs).toBeGreaterThanOrEqual(0);
    await host.start('tallies');
    await host.waitUntilProcessed(last.position!);
    expect(await host.status('tallies')).toMatchObject({ running: true, consumers: 1, caughtUp: true, lagPosition: 0n, lagMs: 0 });
  });

  it('shares the streams between two projectors, each stream applied in order by one of them', async () => {
    const second = await startProjector();
    others.push(second);
    await eventually(async () => expect((await host.status('tallies')).consumers).toBe(2));
    const ids = Array.from({ length: 24 }, () => randomUUID());
    let last;
    for (let round = 0; round < 3; round++) for (const id of ids) last = await tally(id, round + 1);
    await host.waitUntilProcessed(last!.position!);

    const evolvedBy = [app, second].map((projector) => projector.get(TallyProjection).evolved);
    for (const evolved of evolvedBy) expect(evolved.length).toBeGreaterThan(0);
    for (const id of ids) {
      const revisions = evolvedBy.flatMap((evolved) => evolved.filter((entry) => entry.startsWith(id)));
      expect(revisions).toEqual([0, 1, 2].map((revision) => `${id}@${revision}`));
      expect(await documentOf(id)).toMatchObject({ total: 6, last_revision: 2 });
    }
  });

  it('hands what a projector that died had not acknowledged to another one, and applies nothing twice', async () => {
    const second = await startProjector();
    others.push(second);
    await eventually(async () => expect((await host.status('tallies')).consumers).toBe(2));
    const ids = Array.from({ length: 12 }, () => randomUUID());
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first projector writes its documents, then dies before it can acknowledge them.
    const dying = app.get(TallyProjection);
    const project = dying.project.bind(dying);
    let wrote = false;
    dying.project = async (batch) => {
      const written = await project(batch);
      wrote = true;
      await held;
      return written;
    };
    const outcomes = await Promise.all(ids.map((id) => tally(id, 5)));
    // Its documents are written (not only folded) before it dies.
    await eventually(() => expect(wrote).toBe(true));
    await app.get(KurrentDBClient).dispose();
    release();
    const survivor = second.get(SubscriptionHost);
    for (const outcome of outcomes) await survivor.waitUntilProcessed(outcome.position!);
    for (const id of ids) expect(await documentOf(id)).toMatchObject({ total: 5, last_revision: 0 });
    // What the dead one wrote but never acknowledged reached the survivor too, whose guards skipped it.
    const deliveredTwice = dying.evolved.filter((entry) => second.get(TallyProjection).received.includes(entry));
    expect(deliveredTwice.length).toBeGreaterThan(0);
    expect(second.get(TallyProjection).evolved.filter((entry) => deliveredTwice.includes(entry))).toEqual([]);
    // The dead projector's application is gone; another takes its place for the rest of the spec.
    others.push(app);
    use(await startProjector());
  });

  it('parks a poison event at its first failure, marks its document stale, goes on, and replays it once fixed', async () => {
    const sick = randomUUID();
    const healthy = randomUUID();
    await settled(sick, 1);
    await settled(sick, poison.amount);
    await settled(healthy, 5);

    expect(await documentOf(healthy)).toMatchObject({ total: 5 });
    expect(await documentOf(sick)).toMatchObject({ total: 1, stale: true });
    // A bug or a poison event is no better on a second try: it was tried once.
    expect(app.get(TallyProjection).evolved.filter((entry) => entry === `${sick}@1`)).toHaveLength(1);
    const parked = await app.get(ParkedEventStore).list('tallies');
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ event_type: 'TalliedV1', stream_id: `tally-${sick}`, revision: '1', error: 'Error: cannot tally the poison amount', attempts: 1 });
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

  it('retries a temporary failure with backoff until it passes, and parks nothing', async () => {
    const id = randomUUID();
    let conflicts = 0;
    // More failures than the five attempts an event used to get before it was parked.
    observe.evolving = (record) => {
      if (record.metadata.aggregateId === id && conflicts++ < 8) throw new RevisionConflict(`tally-${id}`, record.revision);
    };
    await settled(id, 3);
    expect(conflicts).toBe(9);
    expect(await documentOf(id)).toMatchObject({ total: 3, last_revision: 0 });
    expect((await app.get(ParkedEventStore).list('tallies')).filter((entry) => entry.stream_id === `tally-${id}`)).toEqual([]);
  });

  it('rebuilds a missing document from the write model', async () => {
    const id = randomUUID();
    await tally(id, 4);
    await settled(id, 4);
    await tallies.deleteOne({ _id: id }).exec();
    // A new projector remembers nothing it wrote: only the write model can tell what the document was.
    await app.close();
    use(await startProjector());
    await settled(id, 4);
    expect(await documentOf(id)).toMatchObject({ total: 12, last_revision: 2 });
  });

  it('rebuilds the whole read model from $all when asked, and reports the rebuild done', async () => {
    const id = randomUUID();
    await tally(id, 7);
    await settled(id, 7);
    await tallies.updateOne({ _id: id }, { $set: { total: -1 } }).exec();
    await host.rebuild('tallies');
    expect((await host.status('tallies')).caughtUp).toBe(false);
    await eventually(async () => expect((await host.status('tallies')).rebuild).toMatchObject({ state: 'done' }), 20_000);
    expect(await documentOf(id)).toMatchObject({ total: 14, last_revision: 1 });
    const status = await host.status('tallies');
    expect(status.rebuild!.events).toBeGreaterThan(0);
    expect(status.caughtUp).toBe(true);
  });

  it('rebuilds every document when another process asks, whatever the projector remembers of them', async () => {
    const ids = Array.from({ length: 5 }, () => randomUUID());
    let last;
    for (const id of ids) last = await tally(id, 3);
    await host.waitUntilProcessed(last!.position!);
    // The projector has just written these documents and remembers them; an API process asks.
    const api = await startTallies(stores.kurrentdb, stores.mongodb, stores.mongoDatabase, { role: 'observe' });
    others.push(api);
    await api.get(SubscriptionHost).rebuild('tallies');
    await eventually(async () => expect((await host.status('tallies')).rebuild).toMatchObject({ state: 'done' }), 20_000);
    for (const id of ids) expect(await documentOf(id)).toMatchObject({ total: 3, last_revision: 0 });
  });

  it('resumes a rebuild in another projector when the one running it stops', async () => {
    // Enough events for several rebuild batches.
    let last;
    for (let round = 0; round < 30; round++) last = await tally(randomUUID(), Array.from({ length: 200 }, () => 1));
    // 6,000 events to project first: on a busy machine that takes longer than the usual wait.
    await host.waitUntilProcessed(last!.position!, { timeoutMs: 60_000 });
    const observer = await MongoClient.connect(stores.mongodb);
    const jobs = { find: (id: string) => observer.db(stores.mongoDatabase).collection<{ _id: string; state: string; events: number }>('projection_rebuilds').findOne({ _id: id }) };
    const first = app.get(TallyProjection);
    const project = first.project.bind(first);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    // The first projector gets through one rebuild batch, and stops in the middle of the second.
    first.project = async (batch) => {
      if (batch.length > 1 && ++batches === 2) await released;
      return project(batch);
    };
    await host.rebuild('tallies');
    await eventually(async () => expect((await jobs.find('tallies'))?.events).toBeGreaterThan(0));
    const closing = app.close();
    release();
    await closing;
    const stoppedAt = (await jobs.find('tallies'))!;
    expect(stoppedAt.state).toBe('running');

    use(await startProjector());
    await eventually(async () => expect(await jobs.find('tallies')).toMatchObject({ state: 'done' }), 20_000);
    const job = (await jobs.find('tallies'))!;
    expect(job.events).toBeGreaterThan(stoppedAt.events);
    // The second projector went on from where the first one stopped, not from the start.
    expect(app.get(TallyProjection).received.length).toBe(job.events - stoppedAt.events);
    expect(await tallies.countDocuments({ total: { $lt: 0 } })).toBe(0);
    await observer.close();
  }, 120_000);
});
