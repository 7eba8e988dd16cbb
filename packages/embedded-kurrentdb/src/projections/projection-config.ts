/** A projection as the node stores it in `$projections-<name>` (this server's own JSON). */
export interface ProjectionConfig {
  name: string;
  /** 'native' for the system projections, 'JS' for user projections. */
  handlerType: 'native' | 'JS';
  query: string;
  mode: 'Continuous' | 'OneTime';
  enabled: boolean;
  emitEnabled: boolean;
  trackEmittedStreams: boolean;
  /** 1 or 2 as the client asked; both run on this server's one engine. */
  engineVersion: number;
}

export const PROJECTIONS_STREAM = '$projections-$all';
export const PROJECTION_CREATED = '$ProjectionCreated';
export const PROJECTION_DELETED = '$ProjectionDeleted';
export const PROJECTIONS_INITIALIZED = '$ProjectionsInitialized';
export const PROJECTION_UPDATED = '$ProjectionUpdated';

export const configStreamOf = (name: string) => `$projections-${name}`;
export const checkpointStreamOf = (name: string) => `$projections-${name}-checkpoint`;
export const emittedStreamsStreamOf = (name: string) => `$projections-${name}-emittedstreams`;
export const resultStreamOf = (name: string) => `$projections-${name}-result`;
