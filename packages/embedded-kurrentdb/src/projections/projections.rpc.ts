import { status, type sendUnaryData, type ServerUnaryCall, type ServerWritableStream } from '@grpc/grpc-js';
import { isServiceError, rpcError } from '../grpc/rpc-error.js';
import { projections, shared, struct, type Projections, type Shared } from '../grpc/protocol.js';
import type { Principal } from '../auth/principal.js';
import type { ServerContext } from '../server-context.js';
import type { ProjectionConfig } from './projection-config.js';
import { newOneTimeName, type ProjectionDetails, type ProjectionManager } from './projection-manager.js';

type Unary<Request, Response> = (call: ServerUnaryCall<Request, Response>, callback: sendUnaryData<Response>) => void;

const CreateMode = projections.CreateReq.Options.ModeCase;
const StatisticsMode = projections.StatisticsReq.Options.ModeCase;

/**
 * The Projections service. Access follows the real server's default policy: any authenticated
 * user may manage projections, deleting one and restarting the subsystem need `$ops` or
 * `$admins`. Errors are the real server's: NOT_FOUND "Projection '<name>' not found", and an
 * UNKNOWN status when the projection manager refuses a command.
 */
export function projectionHandlers(context: ServerContext, manager: ProjectionManager) {
  function unary<Request, Response>(handle: (request: Request, principal: Principal) => Response, operator = false): Unary<Request, Response> {
    return (call, callback) => {
      try {
        const principal = context.authenticator.principalOf(call.metadata);
        if (operator) context.access.requireOperator(principal);
        else context.access.requireAuthenticated(principal);
        callback(null, handle(call.request, principal));
      } catch (error) {
        callback(isServiceError(error) ? error : rpcError(status.UNKNOWN, (error as Error).message));
      }
    };
  }

  return {
    create: unary<Projections.CreateReq, Projections.CreateResp>((request) => {
      const options = request.getOptions();
      if (!options) throw rpcError(status.INVALID_ARGUMENT, 'options are required');
      const continuous = options.getContinuous();
      const base = { query: options.getQuery(), engineVersion: options.getEngineVersion() || 1 };
      let config: Omit<ProjectionConfig, 'handlerType' | 'enabled'>;
      switch (options.getModeCase()) {
        case CreateMode.CONTINUOUS:
          config = {
            ...base,
            name: continuous!.getName(),
            mode: 'Continuous',
            emitEnabled: continuous!.getEmitEnabled(),
            trackEmittedStreams: continuous!.getTrackEmittedStreams(),
          };
          break;
        case CreateMode.ONE_TIME:
          config = { ...base, name: newOneTimeName(), mode: 'OneTime', emitEnabled: false, trackEmittedStreams: false };
          break;
        case CreateMode.TRANSIENT:
          config = { ...base, name: options.getTransient()!.getName(), mode: 'OneTime', emitEnabled: false, trackEmittedStreams: false };
          break;
        default:
          throw rpcError(status.UNKNOWN, 'Exception was thrown by handler.');
      }
      if (config.name === '') throw rpcError(status.INVALID_ARGUMENT, 'a projection name is required');
      manager.create(config);
      return new projections.CreateResp();
    }),

    update: unary<Projections.UpdateReq, Projections.UpdateResp>((request) => {
      const options = request.getOptions()!;
      const emit = options.getEmitOptionCase() === projections.UpdateReq.Options.EmitOptionCase.EMIT_ENABLED ? options.getEmitEnabled() : undefined;
      manager.update(options.getName(), options.getQuery(), emit);
      return new projections.UpdateResp();
    }),

    delete: unary<Projections.DeleteReq, Projections.DeleteResp>((request) => {
      const options = request.getOptions()!;
      manager.delete(options.getName(), {
        checkpoint: options.getDeleteCheckpointStream(),
        state: options.getDeleteStateStream(),
        emitted: options.getDeleteEmittedStreams(),
      });
      return new projections.DeleteResp();
    }, true),

    enable: unary<Projections.EnableReq, Projections.EnableResp>((request) => {
      manager.enable(request.getOptions()!.getName());
      return new projections.EnableResp();
    }),

    disable: unary<Projections.DisableReq, Projections.DisableResp>((request) => {
      const options = request.getOptions()!;
      manager.disable(options.getName(), options.getWriteCheckpoint());
      return new projections.DisableResp();
    }),

    reset: unary<Projections.ResetReq, Projections.ResetResp>((request) => {
      manager.reset(request.getOptions()!.getName());
      return new projections.ResetResp();
    }),

    state: unary<Projections.StateReq, Projections.StateResp>((request) => {
      const options = request.getOptions()!;
      return new projections.StateResp().setState(protoValue(manager.state(options.getName(), options.getPartition(), 'state')));
    }),

    result: unary<Projections.ResultReq, Projections.ResultResp>((request) => {
      const options = request.getOptions()!;
      return new projections.ResultResp().setResult(protoValue(manager.state(options.getName(), options.getPartition(), 'result')));
    }),

    restartSubsystem: unary<Shared.Empty, Shared.Empty>(() => {
      manager.restart();
      return new shared.Empty();
    }, true),

    statistics: (call: ServerWritableStream<Projections.StatisticsReq, Projections.StatisticsResp>) => {
      try {
        context.access.requireAuthenticated(context.authenticator.principalOf(call.metadata));
        const options = call.request.getOptions();
        let list: ProjectionDetails[];
        switch (options?.getModeCase()) {
          case StatisticsMode.NAME:
            list = manager.details(options.getName());
            break;
          case StatisticsMode.CONTINUOUS:
            list = manager.details(undefined, 'Continuous');
            break;
          case StatisticsMode.ONE_TIME:
          case StatisticsMode.TRANSIENT:
            list = manager.details(undefined, 'OneTime');
            break;
          default:
            list = manager.details();
        }
        for (const details of list) call.write(new projections.StatisticsResp().setDetails(detailsMessage(details)));
        call.end();
      } catch (error) {
        call.emit('error', isServiceError(error) ? error : rpcError(status.UNKNOWN, (error as Error).message));
      }
    },
  };
}

function detailsMessage(details: ProjectionDetails): Projections.StatisticsResp.Details {
  return new projections.StatisticsResp.Details()
    .setCoreprocessingtime('0')
    .setVersion('1')
    .setEpoch('-1')
    .setEffectivename(details.name)
    .setWritesinprogress(0)
    .setReadsinprogress(0)
    .setPartitionscached(0)
    .setStatus(details.status)
    .setStatereason(details.stateReason)
    .setName(details.name)
    .setMode(details.mode)
    .setPosition(details.position)
    .setProgress(details.progress)
    .setLastcheckpoint(details.lastCheckpoint)
    .setEventsprocessedafterrestart(String(details.eventsProcessedAfterRestart))
    .setCheckpointstatus('')
    .setBufferedevents('0')
    .setWritependingeventsbeforecheckpoint(0)
    .setWritependingeventsaftercheckpoint(0);
}

/** A state as google.protobuf.Value; none (or an empty one) is an empty struct, as on the real server. */
function protoValue(json: string | null) {
  if (json === null || json === '') return new struct.Value().setStructValue(new struct.Struct());
  return struct.Value.fromJavaScript(JSON.parse(json) as never);
}
