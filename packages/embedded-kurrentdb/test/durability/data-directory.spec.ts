import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonEvent, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { DataDirectoryError, startEmbeddedKurrentDB } from '../../src/index.js';
import { collect } from '../support/target.js';
import { runCli, temporaryDirectory } from '../support/child-server.js';

const LOG = 'kurrentdb.log';

describe('data directory recovery and refusal', () => {
  const directories: string[] = [];
  const directory = () => {
    const created = temporaryDirectory();
    directories.push(created);
    return created;
  };
  afterEach(() => {
    for (const created of directories.splice(0)) fs.rmSync(created, { recursive: true, force: true });
  });

  /** Appends `count` single-event appends to `stream` on a server over `dataDir`, then stops it. */
  async function fill(dataDir: string, stream: string, count: number): Promise<void> {
    const server = await startEmbeddedKurrentDB({ dataDir });
    const client = KurrentDBClient.connectionString(server.connectionString);
    try {
      for (let n = 0; n < count; n++) await client.appendToStream(stream, jsonEvent({ type: 'Numbered', data: { n } }));
    } finally {
      await client.dispose();
      await server.stop();
    }
  }

  async function readBack(dataDir: string, stream: string) {
    const server = await startEmbeddedKurrentDB({ dataDir });
    const client = KurrentDBClient.connectionString(server.connectionString);
    try {
      const events = await collect(client.readStream(stream));
      const next = await client.appendToStream(stream, jsonEvent({ type: 'AfterRecovery', data: {} }));
      return { recovery: server.recovery!, data: events.map((e) => (e.event!.data as { n: number }).n), next: next.nextExpectedRevision };
    } finally {
      await client.dispose();
      await server.stop();
    }
  }

  it('cuts off a torn last frame (an interrupted write) and keeps everything before it', async () => {
    const dataDir = directory();
    await fill(dataDir, 'torn-1', 3);
    const log = path.join(dataDir, LOG);
    const size = fs.statSync(log).size;
    // A frame header promising 500 bytes, followed by only a few: the write the crash interrupted.
    const torn = Buffer.alloc(20);
    torn.writeUInt32LE(500, 0);
    fs.appendFileSync(log, torn);
    const { recovery, data, next } = await readBack(dataDir, 'torn-1');
    expect(recovery.truncatedBytes).toBe(20);
    expect(data).toEqual([0, 1, 2]);
    expect(next).toBe(3n);
    expect(fs.statSync(log).size).toBeGreaterThan(size);
  });

  it('cuts off a last frame whose checksum does not match', async () => {
    const dataDir = directory();
    await fill(dataDir, 'crc-1', 3);
    const log = path.join(dataDir, LOG);
    const bytes = fs.readFileSync(log);
    bytes[bytes.length - 3] ^= 0xff;
    fs.writeFileSync(log, bytes);
    const { data } = await readBack(dataDir, 'crc-1');
    expect(data).toEqual([0, 1]);
  });

  it('refuses a log damaged before its end (intact frames follow), with a clear error', async () => {
    const dataDir = directory();
    await fill(dataDir, 'corrupt-1', 3);
    const log = path.join(dataDir, LOG);
    const bytes = fs.readFileSync(log);
    bytes[64 + 30] ^= 0xff; // inside the first frame
    fs.writeFileSync(log, bytes);
    await expect(startEmbeddedKurrentDB({ dataDir })).rejects.toThrow(DataDirectoryError);
    await expect(startEmbeddedKurrentDB({ dataDir })).rejects.toThrow(/corrupt at byte 64/);
    expect(fs.readFileSync(log)).toEqual(bytes);
  });

  it('refuses a non-empty directory without a log instead of starting empty over it', async () => {
    const dataDir = directory();
    fs.writeFileSync(path.join(dataDir, 'WiredTiger'), 'someone else');
    await expect(startEmbeddedKurrentDB({ dataDir })).rejects.toThrow(/not empty and holds no kurrentdb\.log/);
    expect(fs.readdirSync(dataDir)).toEqual(['WiredTiger']);
  });

  it('refuses a log file that is not ours', async () => {
    const dataDir = directory();
    fs.writeFileSync(path.join(dataDir, LOG), 'this is a text file and certainly not an event log of ours, no sir.\n');
    await expect(startEmbeddedKurrentDB({ dataDir })).rejects.toThrow(/is not an embedded KurrentDB log/);
  });

  it('refuses a directory another running server holds', async () => {
    const dataDir = directory();
    const server = await startEmbeddedKurrentDB({ dataDir });
    try {
      await expect(startEmbeddedKurrentDB({ dataDir })).rejects.toThrow(/already in use/);
    } finally {
      await server.stop();
    }
  });

  it('the CLI exits non-zero with the reason on a foreign directory', async () => {
    const dataDir = directory();
    fs.writeFileSync(path.join(dataDir, 'mongod.lock'), '');
    const run = runCli(['--port', '0', '--data', dataDir]);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/refusing to start an empty store over it/);
    expect(run.stdout()).toBe('');
  });
});
