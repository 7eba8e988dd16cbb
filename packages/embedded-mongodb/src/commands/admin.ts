import { calculateObjectSize, type Document } from 'bson';
import { CommandError, ErrorCode } from '../errors.js';
import { compileFilter } from '../query/filter.js';
import type { CommandDefinition, CommandRequest } from './command-context.js';
import { SERVER_VERSION } from './handshake.js';

function listDatabases(request: CommandRequest): Document {
  const { catalog } = request.state;
  const filter = compileFilter(request.body.filter);
  const databases: Document[] = [];
  let totalSize = 0;
  for (const name of catalog.databaseNames()) {
    let sizeOnDisk = 0;
    for (const collection of catalog.collections(name)) {
      // Estimated from a sample: exact sizes would serialize every document.
      let sampled = 0;
      let bytes = 0;
      for (const record of collection.records.values()) {
        bytes += calculateObjectSize(record.doc);
        if (++sampled === 100) break;
      }
      sizeOnDisk += sampled === 0 ? 0 : Math.round((bytes / sampled) * collection.size);
    }
    const entry = { name, sizeOnDisk, empty: sizeOnDisk === 0 };
    if (!filter.test(entry)) continue;
    totalSize += sizeOnDisk;
    databases.push(request.body.nameOnly === true ? { name } : entry);
  }
  return request.body.nameOnly === true ? { databases, ok: 1 } : { databases, totalSize, totalSizeMb: Math.floor(totalSize / 1048576), ok: 1 };
}

function serverStatus(request: CommandRequest): Document {
  const { state } = request;
  const uptimeMillis = Date.now() - state.startedAt.getTime();
  const connections = state.connections();
  return {
    host: `${state.host}:${state.port()}`,
    version: SERVER_VERSION,
    process: 'mongod',
    pid: process.pid,
    uptime: Math.floor(uptimeMillis / 1000),
    uptimeMillis,
    uptimeEstimate: Math.floor(uptimeMillis / 1000),
    localTime: new Date(),
    connections: { current: connections.current, available: 1_000_000 - connections.current, totalCreated: connections.totalCreated },
    metrics: { cursor: { open: { total: state.cursors.openCount } } },
    storageEngine: { name: state.dataDir ? 'embedded-journal' : 'embedded-memory', supportsCommittedReads: false, persistent: Boolean(state.dataDir) },
    ok: 1,
  };
}

function replSetGetStatus(): Document {
  throw new CommandError(ErrorCode.NoReplicationEnabled, 'not running with --replSet');
}

/** Transactions need a replica set; this server is a standalone, as the driver is told. */
function transactionCommand(): Document {
  throw new CommandError(ErrorCode.IllegalOperation, 'Transaction numbers are only allowed on a replica set member or mongos');
}

const ok = (): Document => ({ ok: 1 });

export const adminCommands: Record<string, CommandDefinition> = {
  listDatabases: { handler: listDatabases, adminOnly: true },
  serverStatus: { handler: serverStatus },
  endSessions: { handler: ok, adminOnly: true },
  killSessions: { handler: ok, adminOnly: true },
  refreshSessions: { handler: ok },
  replSetGetStatus: { handler: replSetGetStatus, adminOnly: true },
  commitTransaction: { handler: transactionCommand, adminOnly: true },
  abortTransaction: { handler: transactionCommand, adminOnly: true },
  whatsmyuri: { handler: (r) => ({ you: r.connection.remoteAddress, ok: 1 }) },
  connectionStatus: { handler: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }) },
  hostInfo: { handler: (r) => ({ system: { currentTime: new Date(), hostname: r.state.host, numCores: 1 }, os: { type: process.platform }, extra: {}, ok: 1 }) },
  getCmdLineOpts: { handler: (r) => ({ argv: ['embedded-mongodb'], parsed: { net: { port: r.state.port() } }, ok: 1 }), adminOnly: true },
};
