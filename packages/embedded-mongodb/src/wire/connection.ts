import type { Socket } from 'node:net';
import type { Document } from 'bson';
import { CommandError, ErrorCode } from '../errors.js';
import { FrameSplitter } from './frame-splitter.js';
import { decompressFrame } from './op-compressed.js';
import { encodeOpMsgReply, parseOpMsg } from './op-msg.js';
import { encodeOpReply, parseOpQuery } from './op-query.js';
import { OpCode, ProtocolError, readHeader } from './protocol.js';
import type { ConnectionInfo } from '../commands/command-context.js';

export interface CommandExecutor {
  /** Runs one command to completion and returns its reply (never throws for command errors). */
  execute(body: Document, connection: ConnectionInfo): Document;
  isHello(name: string): boolean;
}

let nextReplyId = 1;

/**
 * One client socket. Frames are handled strictly in arrival order and each command runs
 * synchronously to completion before the next frame is looked at. The socket is closed only
 * for framing violations; command failures are answered with error documents.
 */
export function serveConnection(socket: Socket, info: ConnectionInfo, executor: CommandExecutor, onProtocolError: (err: Error) => void): void {
  const splitter = new FrameSplitter();
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    try {
      for (const frame of splitter.push(chunk)) {
        const reply = handleFrame(frame, info, executor);
        if (reply) socket.write(reply);
      }
    } catch (err) {
      onProtocolError(err as Error);
      socket.destroy();
    }
  });
  socket.on('error', () => socket.destroy());
}

function handleFrame(raw: Buffer, info: ConnectionInfo, executor: CommandExecutor): Buffer | undefined {
  let frame = raw;
  let header = readHeader(frame);
  if (header.opCode === OpCode.OP_COMPRESSED) {
    frame = decompressFrame(frame);
    header = readHeader(frame);
  }
  const replyId = nextReplyId++ & 0x7fffffff;
  switch (header.opCode) {
    case OpCode.OP_MSG: {
      let body: Document;
      let moreToCome: boolean;
      try {
        ({ body, moreToCome } = parseOpMsg(frame));
      } catch (err) {
        if (err instanceof CommandError) return encodeOpMsgReply(replyId, header.requestId, err.toReply());
        throw err;
      }
      const reply = executor.execute(body, info);
      // moreToCome: the client reads no reply, whatever happened.
      if (moreToCome) return undefined;
      try {
        return encodeOpMsgReply(replyId, header.requestId, reply);
      } catch (err) {
        // A reply that cannot be encoded (over the BSON size limit) is still answered, not dropped.
        const tooLarge = new CommandError(ErrorCode.BSONObjectTooLarge, `reply could not be encoded: ${(err as Error).message}`);
        return encodeOpMsgReply(replyId, header.requestId, tooLarge.toReply());
      }
    }
    case OpCode.OP_QUERY: {
      const request = parseOpQuery(frame);
      return encodeOpReply(replyId, header.requestId, legacyQuery(request.database, request.collection, request.query, info, executor));
    }
    default:
      throw new ProtocolError(`unsupported opCode ${header.opCode}`);
  }
}

/** OP_QUERY only serves the handshake; anything else gets the errors modern servers give. */
function legacyQuery(database: string, collection: string, query: Document, info: ConnectionInfo, executor: CommandExecutor): Document {
  if (collection !== '$cmd') {
    return { $err: 'OP_QUERY is no longer supported. The client driver may require an upgrade.', code: 5739101, ok: 0 };
  }
  const name = Object.keys(query)[0] ?? '';
  if (!executor.isHello(name)) {
    return new CommandError(
      ErrorCode.UnsupportedOpQueryCommand,
      `Unsupported OP_QUERY command: ${name}. The client driver may require an update.`,
    ).toReply();
  }
  return executor.execute({ ...query, $db: database }, info);
}
