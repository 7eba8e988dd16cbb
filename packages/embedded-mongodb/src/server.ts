import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Document } from 'bson';
import type { ConnectionInfo, ServerState } from './commands/command-context.js';
import { isHelloCommand, runCommand } from './commands/dispatch.js';
import { CursorRegistry } from './cursors/cursor-registry.js';
import { ServerParameters } from './commands/server-parameters.js';
import { CommandError, ErrorCode } from './errors.js';
import { Catalog } from './storage/catalog.js';
import { DataDirectory } from './storage/data-directory.js';
import { removeExpired } from './storage/ttl-sweeper.js';
import { serveConnection } from './wire/connection.js';

export interface EmbeddedMongoOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Keep data in this directory (snapshot + journal); without it everything lives in memory. */
  readonly dataDir?: string;
  /** fdatasync the journal on every write command (survives power loss, not only process death). */
  readonly journalSync?: boolean;
  /** Journal size that triggers a background compaction (default 64 MiB). */
  readonly compactThresholdBytes?: number;
  /** Idle time after which an open cursor is killed (default 10 minutes, as in MongoDB). */
  readonly cursorTimeoutMs?: number;
  /** How often expired documents of TTL indexes are removed (default 60 s, as in MongoDB). */
  readonly ttlIntervalMs?: number;
  /** Receives operational messages (recovery notes, closed connections); silent by default. */
  readonly log?: (message: string) => void;
  /**
   * Run server-side JavaScript (`$where`), as mongod does by default. Off unless asked for: the
   * scripts run in this process (node:vm is no sandbox), so anyone who can connect could run code.
   */
  readonly javascript?: boolean;
}

export interface EmbeddedMongo {
  /** `mongodb://host:port` — pass it to MongoClient or mongoose.connect. */
  readonly uri: string;
  readonly port: number;
  /** Compacts the data directory now (no-op in memory); resolves when the snapshot is written. */
  compact(): Promise<void>;
  /** Kills idle cursors now instead of waiting for the timer; returns how many were killed. */
  sweepCursors(now?: number): number;
  /** Removes TTL-expired documents now instead of waiting for the timer; returns how many. */
  sweepExpired(now?: number): number;
  /** Stops listening, closes connections and flushes the data directory. */
  stop(): Promise<void>;
}

/** Starts a MongoDB-wire-protocol server (a MongoDB 7.0 standalone as far as drivers can tell). */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const catalog = new Catalog();
  const store = options.dataDir
    ? DataDirectory.open(options.dataDir, catalog, { sync: options.journalSync, compactThresholdBytes: options.compactThresholdBytes, log })
    : undefined;
  const cursors = new CursorRegistry(options.cursorTimeoutMs ?? 10 * 60 * 1000);
  const sockets = new Set<Socket>();
  let totalCreated = 0;
  let boundPort = 0;

  const state: ServerState = {
    catalog,
    cursors,
    startedAt: new Date(),
    host,
    port: () => boundPort,
    connections: () => ({ current: sockets.size, totalCreated }),
    dataDir: options.dataDir,
    javascriptEnabled: options.javascript ?? false,
    parameters: new ServerParameters(options.ttlIntervalMs ?? 60_000),
  };

  const sweepExpired = (now = Date.now()): number => {
    const removed = removeExpired(catalog, now);
    store?.commit();
    return removed;
  };
  const startTtlTimer = (ms: number): NodeJS.Timeout => {
    const timer = setInterval(() => {
      try {
        sweepExpired();
      } catch (err) {
        log(`TTL sweep failed: ${(err as Error).message}`);
      }
    }, ms);
    timer.unref();
    return timer;
  };
  let ttlTimer = startTtlTimer(options.ttlIntervalMs ?? 60_000);
  // setParameter ttlMonitorSleepSecs reschedules the sweep, as it does mongod's TTL monitor.
  state.parameters.onTtlMonitorSleepSecs((seconds) => {
    clearInterval(ttlTimer);
    ttlTimer = startTtlTimer(Math.max(1, seconds) * 1000);
  });

  const executor = {
    isHello: isHelloCommand,
    execute(body: Document, connection: ConnectionInfo): Document {
      const reply = runCommand(state, body, connection);
      try {
        store?.commit();
      } catch (err) {
        log(`journal write failed: ${(err as Error).message}`);
        return new CommandError(ErrorCode.InternalError, `journal write failed: ${(err as Error).message}`).toReply();
      }
      return reply;
    },
  };

  const server = createServer((socket) => {
    totalCreated++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const info: ConnectionInfo = { id: totalCreated, remoteAddress: `${socket.remoteAddress}:${socket.remotePort}` };
    serveConnection(socket, info, executor, (err) => log(`closing connection ${info.id}: ${err.message}`));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    clearInterval(ttlTimer);
    cursors.close();
    await store?.close();
    throw err;
  }
  boundPort = (server.address() as AddressInfo).port;

  let stopping: Promise<void> | undefined;
  return {
    uri: `mongodb://${host}:${boundPort}`,
    port: boundPort,
    compact: () => store?.compact() ?? Promise.resolve(),
    sweepCursors: (now = Date.now()) => cursors.sweep(now),
    sweepExpired,
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await closed;
        clearInterval(ttlTimer);
        cursors.close();
        await store?.close();
      })();
      return stopping;
    },
  };
}
