import type { Document } from 'bson';
import { CommandError, ErrorCode } from '../errors.js';
import { validateDatabaseName } from '../storage/catalog.js';
import { isNumeric } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { adminCommands } from './admin.js';
import { withScope } from './command-scope.js';
import { withCollator } from '../bson/bson-compare.js';
import { collatorFor } from '../query/collation.js';
import { aggregateCommands } from './aggregate.js';
import { collectionCommands } from './collections.js';
import { collModCommands } from './collmod.js';
import type { CommandDefinition, ConnectionInfo, ServerState } from './command-context.js';
import { countDistinctCommands } from './count-distinct.js';
import { explainCommands } from './explain.js';
import { findCommands } from './find.js';
import { findAndModifyCommands } from './find-and-modify.js';
import { handshakeCommands } from './handshake.js';
import { indexCommands } from './indexes.js';
import { insertCommands } from './insert.js';
import { updateDeleteCommands } from './update-delete.js';

const COMMANDS = new Map<string, CommandDefinition>(
  Object.entries({
    ...handshakeCommands,
    ...adminCommands,
    ...collectionCommands,
    ...collModCommands,
    ...indexCommands,
    ...insertCommands,
    ...findCommands,
    ...updateDeleteCommands,
    ...findAndModifyCommands,
    ...countDistinctCommands,
    ...aggregateCommands,
    ...explainCommands,
  }),
);

/**
 * The collation a command compares strings by: its own `collation`, else its collection's
 * default. Update and delete statements may carry their own (applied per statement).
 */
function commandCollation(state: ServerState, name: string, body: Document, db: string): unknown {
  if (body.collation !== undefined && name !== 'create') return body.collation;
  const target = body[name];
  return typeof target === 'string' ? state.catalog.get(db, target)?.options.collation : undefined;
}

export function isHelloCommand(name: string): boolean {
  return name === 'hello' || name === 'isMaster' || name === 'ismaster';
}

/**
 * Runs one command to completion, synchronously: Node's single thread then makes every command
 * atomic. Always returns a reply document; failures become `{ok: 0, errmsg, code, codeName}`.
 */
export function runCommand(state: ServerState, body: Document, connection: ConnectionInfo): Document {
  try {
    const name = Object.keys(body)[0];
    if (name === undefined) throw new CommandError(ErrorCode.FailedToParse, 'no command specified');
    const db = body.$db;
    if (typeof db !== 'string') throw new CommandError(40571, 'OP_MSG requests require a $db argument');
    const definition = COMMANDS.get(name);
    if (!definition) throw new CommandError(ErrorCode.CommandNotFound, `no such command: '${name}'`);
    validateDatabaseName(db);
    if (definition.adminOnly && db !== 'admin') throw new CommandError(ErrorCode.Unauthorized, `${name} may only be run against the admin database.`);
    if (body.txnNumber !== undefined) {
      // A standalone has no transactions or retryable writes; the driver turns this into a clear message.
      throw new CommandError(ErrorCode.IllegalOperation, 'Transaction numbers are only allowed on a replica set member or mongos');
    }
    const maxTimeMS = typeof body.maxTimeMS === 'number' || isNumeric(body.maxTimeMS) ? toNumber(body.maxTimeMS) : 0;
    const scope = {
      javascript: state.javascriptEnabled,
      deadline: maxTimeMS > 0 ? Date.now() + maxTimeMS : Infinity,
      bypassValidation: body.bypassDocumentValidation === true,
    };
    const collator = collatorFor(commandCollation(state, name, body, db));
    return withScope(scope, () => withCollator(collator, () => definition.handler({ name, body, db, connection, state })));
  } catch (err) {
    if (err instanceof CommandError) return err.toReply();
    return new CommandError(ErrorCode.InternalError, err instanceof Error ? err.message : String(err)).toReply();
  }
}
