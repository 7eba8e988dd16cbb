import { invalidArgument } from '../grpc/rpc-error.js';
import { ANY, NO_STREAM, STREAM_EXISTS, type ExpectedRevision } from '../store/append-request.js';

/** Append, Delete and Tombstone options share this oneof (BatchAppend names it differently). */
interface ExpectedRevisionOptions {
  hasRevision(): boolean;
  getRevision(): string;
  hasNoStream(): boolean;
  hasAny(): boolean;
  hasStreamExists(): boolean;
}

export function expectedRevisionOf(options: ExpectedRevisionOptions): ExpectedRevision {
  if (options.hasRevision()) return { kind: 'exact', revision: BigInt(options.getRevision()) };
  if (options.hasNoStream()) return NO_STREAM;
  if (options.hasAny()) return ANY;
  if (options.hasStreamExists()) return STREAM_EXISTS;
  throw invalidArgument('an expected stream revision is required');
}
