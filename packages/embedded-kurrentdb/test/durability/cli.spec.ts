import * as fs from 'node:fs';
import { jsonEvent, KurrentDBClient, UnsupportedError } from '@kurrent/kurrentdb-client';
import { collect } from '../support/target.js';
import { runCli, startChildServer, temporaryDirectory } from '../support/child-server.js';

describe('embedded-kurrentdb (the CLI)', () => {
  it('prints exactly the listening line, serves clients, and stops cleanly on SIGINT', async () => {
    const dataDir = temporaryDirectory();
    try {
      const server = await startChildServer(dataDir);
      expect(server.stdout()).toMatch(/^listening on kurrentdb:\/\/127\.0\.0\.1:\d+\?tls=false\n$/);
      const client = KurrentDBClient.connectionString(server.connectionString);
      await client.appendToStream('cli-1', jsonEvent({ type: 'A', data: {} }));
      expect(await collect(client.readStream('cli-1'))).toHaveLength(1);
      await client.dispose();
      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
      expect(fs.existsSync(`${dataDir}/LOCK`)).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('serves as a server without the multi-stream append with --multi-stream-append off', async () => {
    const server = await startChildServer(undefined, ['--multi-stream-append', 'off']);
    const client = KurrentDBClient.connectionString(server.connectionString);
    try {
      const appends = ['cli-2', 'cli-3'].map((streamName) => ({ streamName, events: [jsonEvent({ type: 'A', data: {} })], expectedState: 'any' as const }));
      await expect(client.multiStreamAppend(appends)).rejects.toBeInstanceOf(UnsupportedError);
      await client.appendToStream('cli-2', jsonEvent({ type: 'A', data: {} }));
      expect(await collect(client.readStream('cli-2'))).toHaveLength(1);
    } finally {
      await client.dispose();
      server.child.kill('SIGINT');
      await server.exited;
    }
    const wrong = runCli(['--multi-stream-append', 'no']);
    expect(await wrong.exited).toBe(1);
    expect(wrong.stderr()).toMatch(/--multi-stream-append must be on or off/);
  });

  it('rejects unknown flags with a usage message and a non-zero exit', async () => {
    const run = runCli(['--prot', '1']);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/usage: embedded-kurrentdb/);
  });
});
