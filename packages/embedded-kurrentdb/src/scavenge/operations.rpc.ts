import { randomUUID } from 'node:crypto';
import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { isServiceError, rpcError } from '../grpc/rpc-error.js';
import { operations, shared, type Operations, type Shared } from '../grpc/protocol.js';
import type { ServerContext } from '../server-context.js';
import type { Scavenger } from './scavenger.js';

type Unary<Request, Response> = (call: ServerUnaryCall<Request, Response>, callback: sendUnaryData<Response>) => void;

export interface OperationsTargets {
  scavenger: Scavenger;
  restartPersistentSubscriptions(): void;
  shutdown(): void;
}

const { ScavengeResult } = operations.ScavengeResp;

/**
 * The Operations service. Every call needs `$ops` or `$admins` on a secure node. StartScavenge
 * answers Started at once and runs the scavenge right after (as the real server runs it in the
 * background); StopScavenge of a scavenge that is not running answers NOT_FOUND with the
 * `scavenge-not-found` trailer the client turns into ScavengeNotFoundError. A single node has no
 * indexes to merge, no leadership to resign and no priority to weigh: those calls succeed.
 */
export function operationsHandlers(context: ServerContext, targets: OperationsTargets) {
  function unary<Request, Response>(handle: (request: Request) => Response): Unary<Request, Response> {
    return (call, callback) => {
      try {
        context.access.requireOperator(context.authenticator.principalOf(call.metadata));
        callback(null, handle(call.request));
      } catch (error) {
        callback(isServiceError(error) ? error : rpcError(status.UNKNOWN, (error as Error).message));
      }
    };
  }
  const { scavenger } = targets;

  return {
    startScavenge: unary<Operations.StartScavengeReq, Operations.ScavengeResp>(() => {
      const running = scavenger.running;
      if (running) return new operations.ScavengeResp().setScavengeId(running).setScavengeResult(ScavengeResult.INPROGRESS);
      const scavengeId = randomUUID();
      setImmediate(() => {
        try {
          scavenger.scavenge(scavengeId);
        } catch (error) {
          process.emitWarning(`embedded KurrentDB: scavenge ${scavengeId} failed: ${(error as Error).message}`);
        }
      });
      return new operations.ScavengeResp().setScavengeId(scavengeId).setScavengeResult(ScavengeResult.STARTED);
    }),

    stopScavenge: unary<Operations.StopScavengeReq, Operations.ScavengeResp>((request) => {
      const scavengeId = request.getOptions()?.getScavengeId() ?? '';
      if (scavenger.running !== scavengeId) {
        throw rpcError(status.NOT_FOUND, 'Scavenge not found.', { exception: 'scavenge-not-found', 'scavenge-id': scavengeId });
      }
      return new operations.ScavengeResp().setScavengeId(scavengeId).setScavengeResult(ScavengeResult.STOPPED);
    }),

    restartPersistentSubscriptions: unary<Shared.Empty, Shared.Empty>(() => {
      targets.restartPersistentSubscriptions();
      return new shared.Empty();
    }),

    shutdown: unary<Shared.Empty, Shared.Empty>(() => {
      setImmediate(() => targets.shutdown());
      return new shared.Empty();
    }),

    mergeIndexes: unary<Shared.Empty, Shared.Empty>(() => new shared.Empty()),
    resignNode: unary<Shared.Empty, Shared.Empty>(() => new shared.Empty()),
    setNodePriority: unary<Operations.SetNodePriorityReq, Shared.Empty>(() => new shared.Empty()),
  };
}
