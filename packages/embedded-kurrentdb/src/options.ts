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
  /**
   * Serve TLS with this certificate chain and private key (PEM). A node with TLS is a secure
   * node: authentication is on unless `authentication` says otherwise.
   */
  tls?: { certificate: string | Buffer; privateKey: string | Buffer };
  /**
   * Enforce authentication and stream ACLs as a secure real node does (default users `admin`
   * and `ops`, password `changeit`). Defaults to on with TLS and off without it: an insecure
   * node, like `--insecure`, lets every call do everything. Without TLS the Node client never
   * sends credentials over grpc-js, so turning this on without TLS is only useful for raw clients.
   */
  authentication?: boolean;
  /**
   * Projections, like a real node's `--run-projections`: 'none' (the default, like a real node),
   * 'system' (the system projections `$by_category`, `$by_event_type`, `$stream_by_category`,
   * `$streams`) or 'all' (also user projections created through the projection management API).
   * `true` means 'system', `false` 'none'.
   */
  runProjections?: boolean | 'none' | 'system' | 'all';
  /**
   * Whether the system projections start running on a new node (a real node's
   * `--start-standard-projections`). Default true, so that `$ce-`/`$et-` streams exist without
   * further calls; a real node defaults to false and they then wait for `enableProjection`.
   */
  startStandardProjections?: boolean;
  /**
   * Offer appends to several streams at once (the v2 AppendSession, the client's
   * `multiStreamAppend`), as KurrentDB 25.1 and later do. Default true; false serves as an older
   * node would, so that an application's fallback for such nodes can be tested.
   */
  multiStreamAppend?: boolean;
  /** Bytes (data + metadata + 2 × type) one append may carry. Default 256 MiB, as KurrentDB 25.1. */
  maxAppendSize?: number;
  /** The same measure for a single event. Default 16 MiB, as KurrentDB 25.1. */
  maxAppendEventSize?: number;
}

export const DEFAULT_MAX_APPEND_SIZE = 256 * 1024 * 1024;
export const DEFAULT_MAX_APPEND_EVENT_SIZE = 16 * 1024 * 1024;
/** The client caps what it receives at 17 MiB and the real server accepts ~16 MiB requests. */
export const MAX_MESSAGE_SIZE = 17 * 1024 * 1024;
