import { count } from '../output/format.js';

export type SubscriptionKind = 'projection' | 'process' | 'sink';

/** The latest rebuild asked for of a projection: a job some projector claims and runs. */
export interface RebuildStatus {
  /** waiting: no projector has claimed it yet. */
  readonly state: 'waiting' | 'running' | 'done';
  /** Events applied so far. */
  readonly events: number;
  /** Commit position of the last event applied. */
  readonly position?: string;
  readonly requested_at: string;
  readonly finished_at?: string;
}

/** One projection, process or sink as GET /api/v1/admin/subscriptions describes it. */
export interface SubscriptionStatus {
  readonly name: string;
  readonly kind: SubscriptionKind;
  /** The consumer group that feeds it: `projections` for every projection; each process and sink has one of its own. */
  readonly group: string;
  /** A projector consumes its group. */
  readonly running: boolean;
  /** Consumers of its group, over every projector. */
  readonly consumers: number;
  /** Commit position up to which its group has processed $all. */
  readonly position?: string;
  /** Commit position of the newest event in $all. */
  readonly head_position?: string;
  readonly caught_up: boolean;
  /** head_position minus position, in log positions (a decimal string: positions are 64-bit). */
  readonly lag_position: string;
  readonly lag_ms: number;
  readonly in_flight: number;
  readonly parked: number;
  /** Projections only, once a rebuild was asked for. */
  readonly rebuild?: RebuildStatus;
}

export type ConsumerState = 'consuming' | 'standby' | 'reconnecting' | 'stopped';

/** One live process of the bank as GET /api/v1/admin/processes describes it. */
export interface ProcessStatus {
  readonly id: string;
  readonly role: 'api' | 'projector' | 'api+projector';
  readonly host: string;
  readonly pid: number;
  readonly started_at: string;
  readonly seen_at: string;
  /** Each consumer group it consumes, with what its consumer is doing (none for an API process). */
  readonly consumers: Readonly<Record<string, ConsumerState>>;
}

export const subscriptionsPath = '/api/v1/admin/subscriptions';

/** The consumer groups earlier versions left on the event store (`openbank projections superseded`). */
export const supersededGroupsPath = '/api/v1/admin/consumer-groups/superseded';
export const processesPath = '/api/v1/admin/processes';

/** A lag in log positions, for a table. */
export function positionsText(lagPosition: string): string {
  return /^\d+$/.test(lagPosition) ? count(BigInt(lagPosition)) : lagPosition;
}

/** A projection's latest rebuild in one cell: its state, and the events applied so far. */
export function rebuildText(rebuild: RebuildStatus | undefined): string {
  if (!rebuild) return '-';
  return rebuild.state === 'waiting' ? 'waiting' : `${rebuild.state} · ${count(rebuild.events)} events`;
}
