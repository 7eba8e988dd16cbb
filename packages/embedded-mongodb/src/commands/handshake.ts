import type { Document } from 'bson';
import { isNumeric } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { CommandError, ErrorCode } from '../errors.js';
import { GENERIC_FIELDS } from './generic-fields.js';
import { SUPPORTED_COMPRESSORS } from '../wire/op-compressed.js';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE, MAX_WRITE_BATCH_SIZE } from '../wire/protocol.js';
import type { CommandDefinition, CommandRequest } from './command-context.js';

/** The server persona: a MongoDB 7.0 standalone. */
export const SERVER_VERSION = '7.0.0';
const MAX_WIRE_VERSION = 21;

/**
 * hello / isMaster for a standalone. Deliberately absent: `topologyVersion` (it would switch the
 * driver's monitor to streaming hello), `setName`/`msg`/`isreplicaset` (other topologies),
 * and `compression` unless the client offered a compressor we can inflate.
 */
function hello(request: CommandRequest): Document {
  const { body, connection } = request;
  if (body.client !== undefined) {
    if (connection.clientMetadata !== undefined) {
      throw new CommandError(186, 'The client metadata document may only be sent in the first hello');
    }
    connection.clientMetadata = body.client as Document;
  }
  const reply: Document = {};
  if (body.helloOk === true) reply.helloOk = true;
  if (request.name === 'hello') reply.isWritablePrimary = true;
  else reply.ismaster = true;
  Object.assign(reply, {
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: connection.id,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  });
  const offered = Array.isArray(body.compression) ? body.compression.map(String) : [];
  const agreed = SUPPORTED_COMPRESSORS.filter((c) => offered.includes(c));
  if (agreed.length > 0) reply.compression = agreed;
  reply.ok = 1;
  return reply;
}

function buildInfo(): Document {
  return {
    version: SERVER_VERSION,
    gitVersion: 'openbank-embedded',
    modules: [],
    allocator: 'system',
    javascriptEngine: 'none',
    sysInfo: 'deprecated',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['embedded'],
    ok: 1,
  };
}

function getParameter(request: CommandRequest): Document {
  const { body } = request;
  const known: Document = {
    featureCompatibilityVersion: { version: '7.0' },
    maxBSONDepth: 100,
    cursorTimeoutMillis: 600_000,
    internalQueryMaxBlockingSortMemoryUsageBytes: 104_857_600,
    ttlMonitorSleepSecs: request.state.parameters.ttlMonitorSleepSecs,
  };
  const reply: Document = {};
  const all = body.getParameter === '*' || (typeof body.getParameter === 'object' && body.getParameter !== null && (body.getParameter as Document).allParameters === true);
  for (const [name, value] of Object.entries(known)) if (all || name in body) reply[name] = value;
  reply.ok = 1;
  return reply;
}

/** setParameter: the parameters this server acts on; others are refused as unknown ones are by mongod. */
function setParameter(request: CommandRequest): Document {
  const { body, state } = request;
  const names = Object.keys(body).filter((k) => k !== 'setParameter' && !GENERIC_FIELDS.has(k));
  if (names.length === 0) throw new CommandError(ErrorCode.NoSuchKey, 'no option found to set, use help:true to see options ');
  let was: unknown;
  for (const name of names) {
    const value = body[name];
    if (name !== 'ttlMonitorSleepSecs') {
      throw new CommandError(ErrorCode.InvalidOptions, `attempted to set unrecognized parameter [${name}], use help:true to see options `);
    }
    if (!isNumeric(value) || toNumber(value) <= 0) throw new CommandError(ErrorCode.BadValue, 'ttlMonitorSleepSecs must be greater than 0');
    was = state.parameters.ttlMonitorSleepSecs;
    state.parameters.ttlMonitorSleepSecs = toNumber(value);
  }
  return { was, ok: 1 };
}

function saslStart(): Document {
  throw new CommandError(18, 'Authentication failed: this embedded server has no users; connect without credentials.');
}

const ok = (): Document => ({ ok: 1 });

export const handshakeCommands: Record<string, CommandDefinition> = {
  hello: { handler: hello },
  isMaster: { handler: hello },
  ismaster: { handler: hello },
  buildInfo: { handler: buildInfo },
  buildinfo: { handler: buildInfo },
  ping: { handler: ok },
  getParameter: { handler: getParameter, adminOnly: true },
  setParameter: { handler: setParameter, adminOnly: true },
  saslStart: { handler: saslStart },
  saslContinue: { handler: saslStart },
};
