import type { Durability } from './log/log-file.js';

export interface EmbeddedKurrentDBOptions {
  /** TCP port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; the connection string always names it numerically. Default 127.0.0.1. */
  host?: string;
  /** Keep the log in this directory and recover it on start; without it everything lives in memory. */
  dataDir?: string;
  /**
   * 'write' (default): each commit is written to the log file before it is acknowledged, which
   * survives a killed process. 'fsync': acknowledgements also wait for fdatasync (shared by
   * concurrent appends), which survives a power cut.
   */
  durability?: Durability;
  /** Run the system projections `$by_category` (`$ce-…`) and `$by_event_type` (`$et-…`). Off by default, like a real node. */
  runProjections?: boolean;
  /** Bytes (data + metadata + 2 × type) one append may carry. Default 256 MiB, as KurrentDB 25.1. */
  maxAppendSize?: number;
  /** The same measure for a single event. Default 16 MiB, as KurrentDB 25.1. */
  maxAppendEventSize?: number;
}

export const DEFAULT_MAX_APPEND_SIZE = 256 * 1024 * 1024;
export const DEFAULT_MAX_APPEND_EVENT_SIZE = 16 * 1024 * 1024;
/** The client caps what it receives at 17 MiB and the real server accepts ~16 MiB requests. */
export const MAX_MESSAGE_SIZE = 17 * 1024 * 1024;
