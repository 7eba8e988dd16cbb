import { invalidArgument } from '../grpc/rpc-error.js';
import type { Persistent } from '../grpc/protocol.js';
import { filterSpecOf, type FilterSpec } from '../streams/event-filter.js';

export type ConsumerStrategy = 'DispatchToSingle' | 'RoundRobin' | 'Pinned' | 'PinnedByCorrelation';

/** Where a group starts when it has no checkpoint: a revision (stream) or a position ($all). */
export type StartFrom = 'start' | 'end' | number;

export interface GroupSettings {
  resolveLinks: boolean;
  extraStatistics: boolean;
  messageTimeoutMs: number;
  maxRetryCount: number;
  checkpointAfterMs: number;
  minCheckpointCount: number;
  maxCheckpointCount: number;
  /** 0 = unbounded. */
  maxSubscriberCount: number;
  liveBufferSize: number;
  readBatchSize: number;
  historyBufferSize: number;
  strategy: ConsumerStrategy;
}

/** One group, as stored (JSON) in the `$persistentSubscriptionConfig` stream. */
export interface GroupConfig {
  /** A stream name, or `$all`. */
  source: string;
  group: string;
  startFrom: StartFrom;
  filter?: FilterSpec;
  settings: GroupSettings;
}

export const ALL = '$all';
/** u64 max: the deprecated `settings.revision` the Node client uses for "end". */
const END_REVISION = '18446744073709551615';

export function groupKey(source: string, group: string): string {
  return `${source}::${group}`;
}

type SettingsMessage = Persistent.CreateReq.Settings | Persistent.UpdateReq.Settings;

const STRATEGIES: Record<number, ConsumerStrategy> = { 0: 'DispatchToSingle', 1: 'RoundRobin', 2: 'Pinned' };

export function settingsOf(message: SettingsMessage | undefined): GroupSettings {
  if (!message) throw invalidArgument('persistent subscription settings are required');
  const named = 'getConsumerStrategy' in message ? message.getConsumerStrategy() : '';
  let strategy: ConsumerStrategy;
  if (named !== '') {
    if (!['DispatchToSingle', 'RoundRobin', 'Pinned', 'PinnedByCorrelation'].includes(named)) {
      throw invalidArgument(`unknown consumer strategy '${named}'`);
    }
    strategy = named as ConsumerStrategy;
  } else {
    strategy = STRATEGIES[message.getNamedConsumerStrategy()] ?? 'RoundRobin';
  }
  // Tick variants are .NET ticks (100 ns); the ms variants win when set.
  const messageTimeoutMs = message.hasMessageTimeoutMs() ? message.getMessageTimeoutMs() : Number(message.getMessageTimeoutTicks() || '0') / 10000;
  const checkpointAfterMs = message.hasCheckpointAfterMs() ? message.getCheckpointAfterMs() : Number(message.getCheckpointAfterTicks() || '0') / 10000;
  return {
    resolveLinks: message.getResolveLinks(),
    extraStatistics: message.getExtraStatistics(),
    messageTimeoutMs,
    maxRetryCount: message.getMaxRetryCount(),
    checkpointAfterMs,
    minCheckpointCount: message.getMinCheckpointCount(),
    maxCheckpointCount: message.getMaxCheckpointCount(),
    maxSubscriberCount: message.getMaxSubscriberCount(),
    liveBufferSize: message.getLiveBufferSize(),
    readBatchSize: message.getReadBatchSize(),
    historyBufferSize: message.getHistoryBufferSize(),
    strategy,
  };
}

interface StreamOptionsLike {
  getRevisionOptionCase(): number;
  getRevision(): string;
}

interface AllOptionsLike {
  getAllOptionCase(): number;
  getPosition(): { getCommitPosition(): string } | undefined;
}

/** Stream groups: the new `options.stream` layout, or the deprecated `settings.revision` Node still sends. */
export function streamStartOf(stream: StreamOptionsLike | undefined, settings: SettingsMessage | undefined): StartFrom {
  if (stream) {
    // REVISION = 2, START = 3, END = 4 in both Create and Update.
    switch (stream.getRevisionOptionCase()) {
      case 2:
        return Number(stream.getRevision());
      case 4:
        return 'end';
      default:
        return 'start';
    }
  }
  const revision = settings?.getRevision() ?? '0';
  if (revision === END_REVISION) return 'end';
  return revision === '0' || revision === '' ? 'start' : Number(revision);
}

/** `$all` groups: POSITION = 1, START = 2, END = 3 in both Create and Update. */
export function allStartOf(all: AllOptionsLike): StartFrom {
  switch (all.getAllOptionCase()) {
    case 1:
      return Number(all.getPosition()!.getCommitPosition());
    case 3:
      return 'end';
    default:
      return 'start';
  }
}

export function allFilterOf(all: Persistent.CreateReq.AllOptions): FilterSpec | undefined {
  const filter = all.getFilter();
  return filter ? filterSpecOf(filter) : undefined;
}

/** `start_from` as the real server reports it: "0"/"-1"/revision, or "C:x/P:y". */
export function startFromText(config: GroupConfig): string {
  if (config.source === ALL) {
    if (config.startFrom === 'start') return 'C:0/P:0';
    if (config.startFrom === 'end') return 'C:-1/P:-1';
    return `C:${config.startFrom}/P:${config.startFrom}`;
  }
  if (config.startFrom === 'start') return '0';
  if (config.startFrom === 'end') return '-1';
  return String(config.startFrom);
}
