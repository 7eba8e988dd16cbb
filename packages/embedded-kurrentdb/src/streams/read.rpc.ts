import { status } from '@grpc/grpc-js';
import { ALL_STREAM } from '../auth/access-control.js';
import { invalidArgument, isServiceError, rpcError } from '../grpc/rpc-error.js';
import { streams } from '../grpc/protocol.js';
import type { ServerContext } from '../server-context.js';
import { AllSubscription } from '../subscriptions/all-subscription.js';
import { StreamSubscription } from '../subscriptions/stream-subscription.js';
import { EventFilter } from './event-filter.js';
import { isGone, type ReadCall } from './read-call.js';
import { ReadEventEncoder } from './read-event-encoder.js';
import { readAll } from './read-all.js';
import { readStream } from './read-stream.js';

const Options = streams.ReadReq.Options;

/** u64 counts and revisions arrive as decimal strings; anything past 2^53 means "no limit". */
function toNumber(text: string): number {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : Number.POSITIVE_INFINITY;
}

/**
 * Streams.Read routes on (stream | all) × (count | subscription) exactly as the real server
 * does; any other combination (a filter on a stream, a backwards subscription) is refused.
 */
export function read(context: ServerContext) {
  return (call: ReadCall) => {
    route(context, call).catch((error: unknown) => {
      if (isGone(call)) return;
      call.emit('error', isServiceError(error) ? error : rpcError(status.INTERNAL, String(error)));
    });
  };
}

async function route(context: ServerContext, call: ReadCall): Promise<void> {
  const { store } = context;
  const options = call.request.getOptions();
  if (!options) throw invalidArgument('read options are required');
  const uuidOption = options.getUuidOption();
  if (!uuidOption) throw invalidArgument('uuid_option is required');
  const encoder = new ReadEventEncoder(store, uuidOption.getContentCase() === Options.UUIDOption.ContentCase.STRUCTURED);
  const backwards = options.getReadDirection() === Options.ReadDirection.BACKWARDS;
  const resolveLinks = options.getResolveLinks();
  const subscription = options.getCountOptionCase() === Options.CountOptionCase.SUBSCRIPTION;
  if (!subscription && options.getCountOptionCase() !== Options.CountOptionCase.COUNT) {
    throw invalidArgument('count_option is required');
  }
  if (subscription && backwards) throw invalidArgument('subscriptions can only read forwards');
  const count = subscription ? 0 : toNumber(options.getCount());
  const filterOptions = options.getFilterOptionCase() === Options.FilterOptionCase.FILTER ? options.getFilter() : undefined;
  const principal = context.authenticator.principalOf(call.metadata);

  switch (options.getStreamOptionCase()) {
    case Options.StreamOptionCase.STREAM: {
      if (filterOptions) throw invalidArgument('filters apply to $all only');
      const stream = options.getStream()!;
      const streamName = stream.getStreamIdentifier()?.getStreamName_asU8();
      if (!streamName) throw invalidArgument('a stream name is required');
      const from =
        stream.getRevisionOptionCase() === Options.StreamOptions.RevisionOptionCase.REVISION
          ? toNumber(stream.getRevision())
          : stream.getRevisionOptionCase() === Options.StreamOptions.RevisionOptionCase.END
            ? 'end'
            : 'start';
      const name = Buffer.from(streamName).toString('utf8');
      context.access.checkStream(principal, name, 'read');
      if (subscription) {
        new StreamSubscription(store, call, encoder, { streamName: name, from, resolveLinks }, context.active).start();
        return;
      }
      await readStream(store, call, encoder, { streamName, from, backwards, count, resolveLinks });
      return;
    }
    case Options.StreamOptionCase.ALL: {
      const all = options.getAll()!;
      const from =
        all.getAllOptionCase() === Options.AllOptions.AllOptionCase.POSITION
          ? toNumber(all.getPosition()!.getCommitPosition())
          : all.getAllOptionCase() === Options.AllOptions.AllOptionCase.END
            ? 'end'
            : 'start';
      const filter = filterOptions ? EventFilter.fromOptions(filterOptions) : undefined;
      context.access.checkStream(principal, ALL_STREAM, 'read');
      if (subscription) {
        new AllSubscription(store, call, encoder, { from, filter, resolveLinks }, context.active).start();
        return;
      }
      await readAll(store, call, encoder, { from, backwards, count, resolveLinks, filter });
      return;
    }
    default:
      throw invalidArgument('read options need a stream or $all');
  }
}
