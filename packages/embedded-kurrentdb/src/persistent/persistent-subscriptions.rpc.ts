import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { invalidArgument, isServiceError, rpcError } from '../grpc/rpc-error.js';
import { persistent, shared, type Persistent, type Shared } from '../grpc/protocol.js';
import { uuidBytesToText, uuidMessageToBytes } from '../grpc/uuid.js';
import { ALL_STREAM } from '../auth/access-control.js';
import type { Principal } from '../auth/principal.js';
import type { ServerContext } from '../server-context.js';
import { streamNameOf } from '../streams/proposed-event.js';
import { ALL, allFilterOf, allStartOf, settingsOf, streamStartOf, type GroupConfig } from './group-config.js';
import { Consumer, type PersistentReadCall } from './persistent-group.js';
import type { PersistentSubscriptions } from './persistent-subscriptions.js';

type Unary<Request, Response> = (call: ServerUnaryCall<Request, Response>, callback: sendUnaryData<Response>) => void;

/** Runs a unary handler, turning thrown service errors into the call's status. */
function unary<Request, Response>(handle: (request: Request, principal: Principal) => Response, context: ServerContext): Unary<Request, Response> {
  return (call, callback) => {
    try {
      callback(null, handle(call.request, context.authenticator.principalOf(call.metadata)));
    } catch (error) {
      callback(isServiceError(error) ? error : rpcError(status.INTERNAL, String(error)));
    }
  };
}

function optionsOf<T>(request: { getOptions(): T | undefined }): T {
  const options = request.getOptions();
  if (!options) throw invalidArgument('options are required');
  return options;
}

function groupNameOf(options: { getGroupName(): string }): string {
  const group = options.getGroupName();
  if (group === '') throw invalidArgument('a group name is required');
  return group;
}

/** Create and Update share a layout; streams may come the new way or the deprecated way Node uses. */
function configOf(options: Persistent.CreateReq.Options | Persistent.UpdateReq.Options): GroupConfig {
  const group = groupNameOf(options);
  const settings = settingsOf(options.getSettings());
  const all = options.getAll();
  if (all) {
    const filter = 'getFilter' in all ? allFilterOf(all as Persistent.CreateReq.AllOptions) : undefined;
    return { source: ALL, group, startFrom: allStartOf(all), filter, settings };
  }
  const stream = options.getStream();
  const source = streamNameOf(stream ? stream.getStreamIdentifier() : options.getStreamIdentifier());
  return { source, group, startFrom: streamStartOf(stream, options.getSettings()), settings };
}

/** Delete, GetInfo and ReplayParked name their source as a stream identifier or `all`. */
function sourceOf(options: { getStreamIdentifier(): Shared.StreamIdentifier | undefined; hasAll(): boolean }): string {
  return options.hasAll() ? ALL : streamNameOf(options.getStreamIdentifier());
}

export function persistentSubscriptionHandlers(context: ServerContext, registry: PersistentSubscriptions) {
  return {
    create: unary<Persistent.CreateReq, Persistent.CreateResp>((request, principal) => {
      context.access.requireOperator(principal);
      registry.create(configOf(optionsOf(request)));
      return new persistent.CreateResp();
    }, context),

    update: unary<Persistent.UpdateReq, Persistent.UpdateResp>((request, principal) => {
      context.access.requireOperator(principal);
      const config = configOf(optionsOf(request));
      // An update keeps the group's filter: the update message has no filter field.
      const filter = registry.get(config.source, config.group).config.filter;
      registry.update({ ...config, filter });
      return new persistent.UpdateResp();
    }, context),

    delete: unary<Persistent.DeleteReq, Persistent.DeleteResp>((request, principal) => {
      context.access.requireOperator(principal);
      const options = optionsOf(request);
      registry.delete(sourceOf(options), groupNameOf(options));
      return new persistent.DeleteResp();
    }, context),

    getInfo: unary<Persistent.GetInfoReq, Persistent.GetInfoResp>((request, principal) => {
      context.access.requireAuthenticated(principal);
      const options = optionsOf(request);
      return new persistent.GetInfoResp().setSubscriptionInfo(registry.get(sourceOf(options), groupNameOf(options)).info());
    }, context),

    list: unary<Persistent.ListReq, Persistent.ListResp>((request, principal) => {
      context.access.requireAuthenticated(principal);
      const options = optionsOf(request);
      const forStream = options.getListForStream();
      const source = forStream ? (forStream.hasAll() ? ALL : streamNameOf(forStream.getStream())) : undefined;
      return new persistent.ListResp().setSubscriptionsList(registry.list(source).map((group) => group.info()));
    }, context),

    replayParked: unary<Persistent.ReplayParkedReq, Persistent.ReplayParkedResp>((request, principal) => {
      context.access.requireOperator(principal);
      const options = optionsOf(request);
      const limit = options.hasStopAt() ? Number(options.getStopAt()) : Number.POSITIVE_INFINITY;
      registry.get(sourceOf(options), groupNameOf(options)).replayParked(limit);
      return new persistent.ReplayParkedResp();
    }, context),

    restartSubsystem: unary<Shared.Empty, Shared.Empty>((_request, principal) => {
      context.access.requireOperator(principal);
      registry.restart();
      return new shared.Empty();
    }, context),

    read: (call: PersistentReadCall) => read(context, registry, call),
  };
}

/**
 * PersistentSubscriptions.Read: the first message names the group and the consumer's buffer,
 * the rest are acks and nacks by event id (the link's id when the event came through a link).
 */
function read(context: ServerContext, registry: PersistentSubscriptions, call: PersistentReadCall): void {
  let consumer: Consumer | undefined;
  let group: ReturnType<PersistentSubscriptions['get']> | undefined;
  const fail = (error: unknown) => {
    if (!call.writableEnded) call.emit('error', isServiceError(error) ? error : rpcError(status.INTERNAL, String(error)));
  };
  const unregister = context.active.add(() => fail(rpcError(status.UNAVAILABLE, 'Server is shutting down.')));
  const leave = () => {
    unregister();
    if (group && consumer) group.disconnect(consumer);
    consumer = undefined;
  };
  call.on('cancelled', leave);
  call.on('close', leave);
  call.on('error', leave);
  call.on('end', () => {
    leave();
    if (!call.writableEnded) call.end();
  });

  call.on('data', (request: Persistent.ReadReq) => {
    try {
      if (!consumer) {
        const options = request.getOptions();
        if (!options) throw invalidArgument('the first message must carry the subscription options');
        const source = options.hasAll() ? ALL : streamNameOf(options.getStreamIdentifier());
        const principal = context.authenticator.principalOf(call.metadata);
        context.access.requireAuthenticated(principal);
        context.access.checkStream(principal, source === ALL ? ALL_STREAM : source, 'read');
        group = registry.get(source, groupNameOf(options));
        const { maxSubscriberCount } = group.config.settings;
        if (maxSubscriberCount > 0 && group.consumers.length >= maxSubscriberCount) {
          throw rpcError(status.FAILED_PRECONDITION, 'Maximum subscriptions reached.', {
            exception: 'maximum-subscribers-reached',
            'stream-name': source,
            'group-name': group.config.group,
          });
        }
        const structured = options.getUuidOption()?.getContentCase() === persistent.ReadReq.Options.UUIDOption.ContentCase.STRUCTURED;
        const connectionName = String(call.metadata.get('connection-name')[0] ?? '');
        consumer = new Consumer(call, Math.max(1, options.getBufferSize()), structured, connectionName, principal.name);
        group.connect(consumer);
        return;
      }
      const ack = request.getAck();
      if (ack) return group!.ack(consumer, idsOf(ack.getIdsList()));
      const nack = request.getNack();
      if (nack) return group!.nack(consumer, idsOf(nack.getIdsList()), nack.getAction());
    } catch (error) {
      fail(error);
    }
  });
}

function idsOf(ids: Shared.UUID[]): string[] {
  return ids.map((id) => uuidBytesToText(uuidMessageToBytes(id)));
}
