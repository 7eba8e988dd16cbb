/**
 * In-scope client tests that fail against this server for a documented reason (the package
 * README lists the same). The job passes when every failure is one of these; a failure not listed
 * here, or a listed test that passes again, makes it fail, so the list stays true.
 */
export interface KnownDeviation {
  file: string;
  test: string;
  reason: string;
}

export const knownDeviations: KnownDeviation[] = [
  {
    file: 'connection/parseConnectionString.test.ts',
    test: 'connection string parser Should warn on unknown and unsupported keys kurrentdb://localhost?tlsVerifyCert=false',
    reason: 'client-only: the published client 1.3.1 no longer warns about tlsVerifyCert=false, which the checkout’s test expects; no server is involved',
  },
  {
    file: 'persistentSubscription/subscribeToPersistentSubscriptionToStream.test.ts',
    test: 'subscribeToPersistentSubscriptionToStream malformed events',
    reason: 'writes its malformed event through the HTTP API (POST /streams/…), which this server does not serve',
  },
  {
    file: 'persistentSubscription/subscribeToPersistentSubscriptionToStream.test.ts',
    test: 'subscribeToPersistentSubscriptionToStream on system stream',
    reason:
      'timing: it enables $by_event_type, appends, then creates a group from the end of $et-<type>; it relies on a real node linking the events only after the group exists, while this server links them before',
  },
];

export function isKnownDeviation(file: string, test: string): boolean {
  return knownDeviations.some((deviation) => deviation.file === file && deviation.test === test);
}
