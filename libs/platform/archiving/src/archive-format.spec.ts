import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { StoredEvent } from '@openbank/event-sourcing';
import { archiveKey, decodeArchive, encodeArchive, eventLine, storedEventOf } from './archive-format.js';

const stream = 'account-a0000000-0000-4000-8000-000000000001';
const event = (revision: number): StoredEvent => ({
  id: `0000000${revision}-0000-4000-8000-000000000000`,
  type: 'BankAccountTransactionRecordedDomainEventV1',
  streamId: stream,
  revision: BigInt(revision),
  position: { commit: BigInt(1000 + revision), prepare: BigInt(1000 + revision) },
  data: { amount: { minor: 100 * revision, currency: 'EUR' } },
  metadata: { occurredAt: `2025-01-0${revision + 1}T10:00:00.000Z` },
  created: new Date(`2025-01-0${revision + 1}T10:00:00.001Z`),
});
const events = [0, 1, 2].map(event);
const rezip = async (compressed: Buffer, edit: (text: string) => string) => promisify(gzip)(edit((await promisify(gunzip)(compressed)).toString('utf8')));

describe('the archive format (version 1)', () => {
  it('reads back the events it wrote, as the store gave them', async () => {
    const encoded = await encodeArchive(stream, events);
    const decoded = await decodeArchive(encoded.compressed);
    expect(decoded.header).toEqual({ format: 'openbank-archive', version: 1, stream, from_revision: '0', to_revision: '2', events: 3 });
    expect(decoded.events.map((line) => storedEventOf(stream, line))).toEqual(events);
    expect(decoded.lines).toEqual(events.map(eventLine));
  });

  it('writes the same bytes for the same events (no time of its own)', async () => {
    expect((await encodeArchive(stream, events)).compressed).toEqual((await encodeArchive(stream, events)).compressed);
  });

  it('gives an event the same line from the store and from an archive', async () => {
    const [line] = (await decodeArchive((await encodeArchive(stream, events)).compressed)).events;
    expect(eventLine(line)).toBe(eventLine(events[0]));
  });

  it('refuses an archive cut short, with a gap, of another format or version', async () => {
    const { compressed } = await encodeArchive(stream, events);
    await expect(decodeArchive(await rezip(compressed, (text) => text.slice(0, -1)))).rejects.toThrow(/cut short/);
    await expect(decodeArchive(await rezip(compressed, (text) => text.split('\n').filter((_, index) => index !== 2).join('\n')))).rejects.toThrow(/announces 3 events/);
    await expect(decodeArchive(await rezip(compressed, (text) => text.replace('"revision":"1"', '"revision":"7"')))).rejects.toThrow(/revision 7 where 1 was expected/);
    await expect(decodeArchive(await rezip(compressed, (text) => text.replace('"version":1', '"version":2')))).rejects.toThrow(/version 2/);
    await expect(decodeArchive(await rezip(compressed, (text) => text.replace('openbank-archive', 'other')))).rejects.toThrow(/not an openbank-archive/);
  });

  it('files an archive under its category and stream, by revisions that sort as numbers', () => {
    expect(archiveKey(stream, 0n, 41n)).toBe(`account/${stream}/000000000000-000000000041.ndjson.gz`);
  });
});
