import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access } from '@openbank/auth';
import { ApiProblems, RequestValidationFailed } from '@openbank/http-api';
import { ProcessDirectory } from '@openbank/bank';
import { ParkedEventNotFound, ParkedEventStore, SubscriptionHost, type SubscriptionStatus } from '@openbank/projections';
import { IdleStreamsRequest, ParkedEventsRequest } from './operations.requests.js';
import {
  IdleStreamResponse,
  ParkedEventResponse,
  ProcessResponse,
  ReplayResultResponse,
  StreamStatsResponse,
  SubscriptionStatusResponse,
  SupersededGroupResponse,
} from './operations.responses.js';
import { StreamStatistics } from './stream-statistics.js';

/** Stream and consumer group names: what the bank writes, and nothing that needs escaping. */
const storeName = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

/** What operators do: see the processes, watch and rebuild the projections, replay parked events, inspect streams. */
@ApiTags('operations')
@Controller('api/v1/admin')
@Access.admin()
export class OperationsHttpController {
  constructor(
    private readonly host: SubscriptionHost,
    private readonly parked: ParkedEventStore,
    private readonly streams: StreamStatistics,
    private readonly processes: ProcessDirectory,
  ) {}

  @Get('processes')
  @ApiOperation({
    summary: 'The processes of the bank that reported themselves in the last 15 seconds: API processes and projectors, with the consumer groups each consumes',
    description: 'Admins only. From what each process reports every 5 seconds.',
    operationId: 'listProcesses',
  })
  @ApiOkResponse({ type: [ProcessResponse] })
  @ApiProblems(503)
  async processList(): Promise<ProcessResponse[]> {
    return (await this.processes.alive()).map((process) => ({
      id: process._id,
      role: process.role,
      host: process.host,
      pid: process.pid,
      started_at: process.started_at.toISOString(),
      seen_at: process.seen_at.toISOString(),
      consumers: process.consumers,
    }));
  }

  @Get('subscriptions')
  @ApiOperation({
    summary: 'Every projection, process and sink: its consumer group, position, lag, parked events, rebuild',
    description: "Admins only. From the event store's own figures: the lag in log positions (`lag_position`) and in time (`lag_ms`: how long the oldest unprocessed event has waited), the consumers over every projector, the parked events, and the latest rebuild (its `position` against `head_position` is its progress).",
    operationId: 'listSubscriptions',
  })
  @ApiOkResponse({ type: [SubscriptionStatusResponse] })
  @ApiProblems(503)
  async subscriptions(): Promise<SubscriptionStatusResponse[]> {
    return (await this.host.statuses()).map(statusResponse);
  }

  @Post('subscriptions/:name/rebuild')
  @HttpCode(202)
  @ApiParam({ name: 'name', description: 'A projection, as GET /api/v1/admin/subscriptions names it', example: 'account-transactions' })
  @ApiOperation({
    summary: 'Drop what a projection wrote and have a projector apply $all to it again from the start; follow it in the status',
    description: "Admins only. Projections only (a process or a sink would do its work again: 409 SUBSCRIPTION_NOT_REBUILDABLE). The projection's data is dropped and a projector applies $all to it again while live events keep being applied; follow it in GET /api/v1/admin/subscriptions.",
    operationId: 'rebuildSubscription',
  })
  @ApiAcceptedResponse({ type: SubscriptionStatusResponse })
  @ApiProblems(404, 409, 503)
  async rebuild(@Param('name') name: string): Promise<SubscriptionStatusResponse> {
    await this.host.rebuild(name);
    return statusResponse(await this.host.status(name));
  }

  @Get('consumer-groups/superseded')
  @ApiOperation({
    summary: 'Consumer groups that earlier versions of a process or sink used, now replaced by a group under another name',
    description:
      "Admins only. A process manager's group is named after the event types it takes: when they change, a new group starts where the earlier one had got to, and the earlier one stays on the event store while a projector of the earlier version may still consume it.",
    operationId: 'listSupersededConsumerGroups',
  })
  @ApiOkResponse({ type: [SupersededGroupResponse] })
  @ApiProblems(503)
  async supersededGroups(): Promise<SupersededGroupResponse[]> {
    return (await this.host.superseded.list()).map((group) => ({
      name: group.serverName,
      replaced_by: group.replacedBy,
      consumers: group.consumers,
      ...(group.checkpoint ? { checkpoint_position: group.checkpoint.commit.toString() } : {}),
    }));
  }

  @Delete('consumer-groups/superseded/:name')
  @HttpCode(204)
  @ApiParam({ name: 'name', description: 'A superseded group, as GET /api/v1/admin/consumer-groups/superseded names it', example: 'openbank-transfer-process' })
  @ApiOperation({
    summary: 'Delete a superseded consumer group once no projector of an earlier version consumes it',
    description: 'Admins only. 409 CONSUMER_GROUP_IN_USE while a consumer is connected; 404 for a name that is not a superseded group (current groups are never deleted).',
    operationId: 'deleteSupersededConsumerGroup',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(400, 404, 409, 503)
  async deleteSupersededGroup(@Param('name') name: string): Promise<void> {
    if (!storeName.test(name)) throw new RequestValidationFailed([{ field: 'name', message: 'name must be a consumer group name such as openbank-transfer-process' }]);
    await this.host.superseded.delete(name);
  }

  @Get('parked-events')
  @ApiOperation({
    summary: 'Events set aside after failing, with their error',
    description: 'Admins only. Events a subscription failed on for a reason other than a store outage, set aside for that subscription alone; of one subscription when asked.',
    operationId: 'listParkedEvents',
  })
  @ApiOkResponse({ type: [ParkedEventResponse] })
  @ApiProblems(400, 503)
  async parkedEvents(@Query() request: ParkedEventsRequest): Promise<ParkedEventResponse[]> {
    return (await this.parked.list(request.subscription)).map((entry) => ({
      id: entry._id,
      subscription: entry.subscription,
      event_id: entry.event_id,
      event_type: entry.event_type,
      stream_id: entry.stream_id,
      revision: entry.revision,
      error: entry.error,
      attempts: entry.attempts,
      parked_at: entry.parked_at.toISOString(),
    }));
  }

  @Post('parked-events/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Process parked events again (all, or one subscription’s) once their cause is fixed',
    description: 'Admins only. Each one that fails again stays parked, and is named in `still_parked`.',
    operationId: 'replayParkedEvents',
  })
  @ApiOkResponse({ type: ReplayResultResponse })
  @ApiProblems(400, 503)
  async replayAll(@Query() request: ParkedEventsRequest): Promise<ReplayResultResponse> {
    return this.replay((await this.parked.list(request.subscription)).map((entry) => entry._id));
  }

  @Post('parked-events/:id/replay')
  @HttpCode(200)
  @ApiParam({ name: 'id', description: 'A parked event, as GET /api/v1/admin/parked-events names it: <subscription>:<event id>', example: 'account-transactions:0f6c1d2e-3b4a-4c5d-8e9f-a0b1c2d3e4f5' })
  @ApiOperation({
    summary: 'Process one parked event again',
    description: 'Admins only. 404 for an id that is not parked: the example names none, list them first (GET /api/v1/admin/parked-events).',
    operationId: 'replayParkedEvent',
  })
  @ApiOkResponse({ type: ReplayResultResponse })
  @ApiProblems(404, 503)
  async replayOne(@Param('id') id: string): Promise<ReplayResultResponse> {
    return this.replay([id], { failOnMissing: true });
  }

  @Get('streams/idle')
  @ApiOperation({
    summary: 'Streams with no event for N days',
    description: 'Admins only. The quietest first; of one category (`account`, `person`, …) when asked.',
    operationId: 'listIdleStreams',
  })
  @ApiOkResponse({ type: [IdleStreamResponse] })
  @ApiProblems(400, 503)
  idle(@Query() request: IdleStreamsRequest): Promise<IdleStreamResponse[]> {
    return this.streams.idle(request.days, request.limit, request.category);
  }

  @Get('streams/:stream')
  @ApiParam({ name: 'stream', description: 'A stream name: <category>-<id> (in the examples: the first account opened)', example: 'account-4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' })
  @ApiOperation({
    summary: 'A stream’s event count, first and last event time',
    description: 'Admins only. Any stream of the event store, by name.',
    operationId: 'getStreamStats',
  })
  @ApiOkResponse({ type: StreamStatsResponse })
  @ApiProblems(400, 404, 503)
  stats(@Param('stream') stream: string): Promise<StreamStatsResponse> {
    if (!storeName.test(stream)) throw new RequestValidationFailed([{ field: 'stream', message: 'stream must be a stream name such as account-<id>' }]);
    return this.streams.of(stream);
  }

  private async replay(ids: string[], { failOnMissing = false } = {}): Promise<ReplayResultResponse> {
    const stillParked: string[] = [];
    for (const id of ids) {
      try {
        await this.host.replayParked(id);
      } catch (error) {
        // An unknown id is the caller's mistake (404); an event that fails again simply stays parked.
        if (failOnMissing && error instanceof ParkedEventNotFound) throw error;
        stillParked.push(id);
      }
    }
    return { replayed: ids.length - stillParked.length, still_parked: stillParked };
  }
}

function statusResponse(status: SubscriptionStatus): SubscriptionStatusResponse {
  return {
    name: status.name,
    kind: status.kind,
    group: status.group,
    running: status.running,
    consumers: status.consumers,
    ...(status.position ? { position: status.position.commit.toString() } : {}),
    ...(status.headPosition ? { head_position: status.headPosition.commit.toString() } : {}),
    caught_up: status.caughtUp,
    lag_position: status.lagPosition.toString(),
    lag_ms: status.lagMs,
    in_flight: status.inFlight,
    parked: status.parked,
    ...(status.rebuild
      ? {
          rebuild: {
            state: status.rebuild.state,
            events: status.rebuild.events,
            ...(status.rebuild.position !== undefined ? { position: status.rebuild.position.toString() } : {}),
            requested_at: status.rebuild.requestedAt.toISOString(),
            ...(status.rebuild.startedAt ? { started_at: status.rebuild.startedAt.toISOString() } : {}),
            ...(status.rebuild.finishedAt ? { finished_at: status.rebuild.finishedAt.toISOString() } : {}),
          },
        }
      : {}),
  };
}
