/**
 * Client tests that are not about what a single embedded node can do: clusters (gossip,
 * followers, leader failover), TLS certificate handling and user certificates. Whole files are
 * not run; single tests inside otherwise in-scope files run but count separately.
 */
export interface OutOfScope {
  /** Path under the test package's `src/`. */
  file: string;
  /** Full test name (describe titles and test title joined by spaces); the whole file when absent. */
  test?: string;
  reason: string;
}

const cluster = 'needs a multi-node cluster (gossip, followers, leader election or failover)';
const certificates = 'TLS certificate or user-certificate handling';

export const outOfScope: OutOfScope[] = [
  { file: 'connection/cluster.test.ts', reason: cluster },
  { file: 'connection/not-leader.test.ts', reason: cluster },
  { file: 'connection/Channel.test.ts', reason: cluster },
  { file: 'connection/dns.test.ts', reason: cluster },
  { file: 'connection/connectionString/secure-cluster.test.ts', reason: cluster },
  { file: 'connection/connectionString/insecure-cluster.test.ts', reason: cluster },
  { file: 'connection/deadline/deadline-effects.test.ts', reason: cluster },
  { file: 'connection/reconnect/NotLeaderError.test.ts', reason: cluster },
  { file: 'connection/reconnect/UnavailableError.test.ts', reason: cluster },
  { file: 'connection/reconnect/all-nodes-down.test.ts', reason: cluster },
  { file: 'connection/reconnect/leader-failover.test.ts', reason: cluster },
  { file: 'connection/reconnect/mid-stream.test.ts', reason: cluster },
  { file: 'connection/reconnect/no-reconnection.test.ts', reason: cluster },
  { file: 'extra/http.test.ts', reason: `${cluster}; also the HTTP API, which this server does not serve` },
  { file: 'connection/tlsCAFile.test.ts', reason: certificates },
  { file: 'plugins/client-certificates.test.ts', reason: certificates },
  { file: 'samples/user-certificates.ts', reason: certificates },
  {
    file: 'persistentSubscription/subscribeToPersistentSubscriptionToAll.test.ts',
    test: 'subscribeToPersistentSubscriptionToAll Supported (>=21.10) should throw on follower node',
    reason: cluster,
  },
  {
    file: 'persistentSubscription/subscribeToPersistentSubscriptionToStream.test.ts',
    test: 'subscribeToPersistentSubscriptionToStream should throw on follower node',
    reason: cluster,
  },
];

export function isFileOutOfScope(file: string): boolean {
  return outOfScope.some((entry) => entry.file === file && entry.test === undefined);
}

export function outOfScopeTest(file: string, fullName: string): OutOfScope | undefined {
  return outOfScope.find((entry) => entry.file === file && (entry.test === undefined || entry.test === fullName));
}
