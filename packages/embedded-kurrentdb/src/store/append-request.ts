export type ExpectedRevision =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'exact'; revision: bigint };

export const ANY: ExpectedRevision = { kind: 'any' };
export const NO_STREAM: ExpectedRevision = { kind: 'no_stream' };
export const STREAM_EXISTS: ExpectedRevision = { kind: 'stream_exists' };

/** The numbers the real server puts in `expected-version` trailers and v2 details. */
export function expectedRevisionCode(expected: ExpectedRevision): bigint {
  switch (expected.kind) {
    case 'any':
      return -2n;
    case 'no_stream':
      return -1n;
    case 'stream_exists':
      return -4n;
    case 'exact':
      return expected.revision;
  }
}

export interface ProposedEvent {
  /** 16 bytes. */
  id: Buffer;
  type: string;
  isJson: boolean;
  metadata: Uint8Array;
  data: Uint8Array;
}

export interface StreamAppend {
  stream: string;
  expected: ExpectedRevision;
  events: ProposedEvent[];
}

export interface AppendSuccess {
  kind: 'success';
  stream: string;
  /** Last revision of the stream after the append; -1 when it still has no event. */
  revision: number;
  /** Position of the last event written (or found, for an idempotent retry); undefined when none. */
  position: number | undefined;
}

export interface WrongExpectedVersion {
  kind: 'wrong-expected-version';
  stream: string;
  expected: ExpectedRevision;
  /** Current last revision, -1 when the stream has no event. */
  actual: number;
}

export interface StreamDeleted {
  kind: 'stream-deleted';
  stream: string;
}

export type AppendFailure = WrongExpectedVersion | StreamDeleted;

export type AppendOutcome =
  | { kind: 'success'; results: AppendSuccess[]; lastPosition: number | undefined }
  | { kind: 'failure'; index: number; failure: AppendFailure };
