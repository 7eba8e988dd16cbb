import { deserialize } from 'bson';
import { RawClient, header, opMsg, opQuery, replyBody, withChecksum } from './wire-client.js';
import { startTarget, uniqueDbName, type Target } from './target.js';

/** Byte-level behaviour for input a driver never produces. */
describe('wire protocol framing', () => {
  let target: Target;
  let client: RawClient;
  const db = uniqueDbName('wire');

  beforeAll(async () => {
    target = await startTarget();
  });
  beforeEach(async () => {
    client = await RawClient.open(target.uri);
  });
  afterEach(() => client.close());
  afterAll(async () => {
    const cleanup = await RawClient.open(target.uri);
    cleanup.write(opMsg(1, 0, [{ kind: 0, doc: { dropDatabase: 1, $db: db } }]));
    await cleanup.readFrame();
    cleanup.close();
    await target.stop();
  });

  const command = async (doc: object, flags = 0) => {
    const id = client.requestId();
    client.write(opMsg(id, flags, [{ kind: 0, doc: { ...doc, $db: db } }]));
    const frame = await client.readFrame();
    if (!frame) throw new Error('connection closed');
    return { id, ...replyBody(frame) };
  };

  it('answers a legacy OP_QUERY isMaster with an OP_REPLY', async () => {
    client.write(opQuery(77, 'admin.$cmd', { isMaster: 1, helloOk: true }));
    const frame = (await client.readFrame()) as Buffer;
    expect(frame.readInt32LE(12)).toBe(1);
    expect(frame.readInt32LE(8)).toBe(77);
    expect(frame.readBigInt64LE(20)).toBe(0n);
    expect(frame.readInt32LE(32)).toBe(1);
    const doc = deserialize(frame.subarray(36));
    expect(doc).toMatchObject({ ismaster: true, helloOk: true, ok: 1 });
  });

  it('refuses other commands over OP_QUERY with code 352', async () => {
    client.write(opQuery(5, `${db}.$cmd`, { find: 'x' }));
    const frame = (await client.readFrame()) as Buffer;
    expect(deserialize(frame.subarray(36))).toMatchObject({ ok: 0, code: 352 });
    client.write(opQuery(6, `${db}.x`, { a: 1 }));
    const legacy = (await client.readFrame()) as Buffer;
    expect(deserialize(legacy.subarray(36)).ok).toBe(0);
  });

  it('replies with flags 0 and a single kind-0 section, to the right request', async () => {
    const reply = await command({ ping: 1 });
    expect(reply.responseTo).toBe(reply.id);
    expect(reply.flags).toBe(0);
    expect(reply.sectionKinds).toEqual([0]);
    expect(reply.doc.ok).toBe(1);
  });

  it('accepts a document sequence before the body', async () => {
    const id = client.requestId();
    client.write(
      opMsg(id, 0, [
        { kind: 1, identifier: 'documents', docs: [{ _id: 1 }, { _id: 2 }] },
        { kind: 0, doc: { insert: 'seq', $db: db } },
      ]),
    );
    expect(replyBody((await client.readFrame()) as Buffer).doc).toMatchObject({ n: 2, ok: 1 });
    const found = await command({ find: 'seq', filter: {} });
    expect(found.doc.cursor.firstBatch).toEqual([{ _id: 1 }, { _id: 2 }]);
  });

  it('answers a duplicate document sequence with an error and keeps the connection', async () => {
    const id = client.requestId();
    client.write(
      opMsg(id, 0, [
        { kind: 0, doc: { insert: 'dupseq', $db: db } },
        { kind: 1, identifier: 'documents', docs: [{ a: 1 }] },
        { kind: 1, identifier: 'documents', docs: [{ a: 2 }] },
      ]),
    );
    expect(replyBody((await client.readFrame()) as Buffer).doc.ok).toBe(0);
    expect((await command({ ping: 1 })).doc.ok).toBe(1);
  });

  it('accepts a message carrying a checksum', async () => {
    const id = client.requestId();
    client.write(withChecksum(opMsg(id, 0, [{ kind: 0, doc: { ping: 1, $db: db } }])));
    expect(replyBody((await client.readFrame()) as Buffer).doc.ok).toBe(1);
  });

  it('sends nothing back for moreToCome, but executes the command', async () => {
    const quiet = client.requestId();
    client.write(opMsg(quiet, 2, [{ kind: 0, doc: { insert: 'quiet', documents: [{ q: 1 }], writeConcern: { w: 0 }, $db: db } }]));
    const reply = await command({ count: 'quiet' });
    expect(reply.responseTo).toBe(reply.id);
    expect(reply.doc.n).toBe(1);
  });

  it('reassembles frames split across TCP writes', async () => {
    const id = client.requestId();
    const bytes = opMsg(id, 0, [{ kind: 0, doc: { ping: 1, $db: db } }]);
    for (let i = 0; i < bytes.length; i += 3) client.write(bytes.subarray(i, i + 3));
    expect(replyBody((await client.readFrame()) as Buffer).responseTo).toBe(id);
  });

  it('closes the connection on an unknown required flag bit', async () => {
    client.write(opMsg(1, 1 << 5, [{ kind: 0, doc: { ping: 1, $db: db } }]));
    expect(await client.readFrame()).toBeUndefined();
  });

  it('closes the connection on a message length below the header size', async () => {
    client.write(header(8, 1, 2013));
    expect(await client.waitClosed()).toBe(true);
  });

  it('closes the connection on an unknown section kind', async () => {
    client.write(opMsg(1, 0, [{ kind: 0, doc: { ping: 1, $db: db } }, { kind: 9, raw: Buffer.from([5, 0, 0, 0, 0]) }]));
    expect(await client.readFrame()).toBeUndefined();
  });

  it('closes the connection on a section that overruns the message', async () => {
    const bytes = opMsg(1, 0, [{ kind: 0, doc: { ping: 1, $db: db } }]);
    bytes.writeInt32LE(1000, 21);
    client.write(bytes);
    expect(await client.readFrame()).toBeUndefined();
  });

  it('ignores an optional flag bit (exhaustAllowed) on a normal command', async () => {
    expect((await command({ ping: 1 }, 1 << 16)).doc.ok).toBe(1);
  });
});
