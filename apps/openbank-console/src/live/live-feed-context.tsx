import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { LiveFeed, type CloudEvent, type FeedStatus } from './feed';

interface LiveFeedContextValue {
  readonly feed: LiveFeed | undefined;
  readonly status: FeedStatus;
  /** Events per second over the last 10 s. */
  readonly rate: () => number;
}

const LiveFeedContext = createContext<LiveFeedContextValue>({ feed: undefined, status: 'off', rate: () => 0 });

/**
 * One connection to the live feed for the whole console (staff only: the API refuses it to
 * customers). Each event marks what it concerns as stale (its subject: an account, a transfer, a
 * person; and the lists), at most once a second, and the pages showing them fetch them again.
 */
export function LiveFeedProvider({ enabled, token, children }: { enabled: boolean; token: () => string | undefined; children: ReactNode }) {
  const queries = useQueryClient();
  const [status, setStatus] = useState<FeedStatus>('off');
  const arrivals = useRef<number[]>([]);
  const feed = useMemo(() => (enabled ? new LiveFeed(token) : undefined), [enabled, token]);

  useEffect(() => {
    if (!feed) return;
    const subjects = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const changed = new Set(subjects);
      subjects.clear();
      void queries.invalidateQueries({ predicate: ({ queryKey }) => queryKey[0] === 'list' || queryKey.some((part) => typeof part === 'string' && changed.has(part)) });
    };
    const unsubscribe = feed.subscribe((event: CloudEvent) => {
      const now = Date.now();
      arrivals.current.push(now);
      while (arrivals.current.length && arrivals.current[0]! < now - 10_000) arrivals.current.shift();
      if (event.subject) subjects.add(event.subject);
      const data = event.data as { from_account_id?: string; to_account_id?: string; account_id?: string } | undefined;
      for (const id of [data?.from_account_id, data?.to_account_id, data?.account_id]) if (id) subjects.add(id);
      timer ??= setTimeout(flush, 1000);
    });
    const unwatch = feed.onStatus(setStatus);
    feed.start();
    return () => {
      unsubscribe();
      unwatch();
      feed.stop();
      if (timer) clearTimeout(timer);
    };
  }, [feed, queries]);

  const value = useMemo<LiveFeedContextValue>(
    () => ({
      feed,
      status,
      rate: () => arrivals.current.filter((at) => at >= Date.now() - 10_000).length / 10,
    }),
    [feed, status],
  );
  return <LiveFeedContext.Provider value={value}>{children}</LiveFeedContext.Provider>;
}

export const useLiveFeed = () => useContext(LiveFeedContext);

/** Calls `listener` with every event of the live feed while the component is mounted. */
export function useLiveEvents(listener: (event: CloudEvent) => void): void {
  const { feed } = useLiveFeed();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => feed?.subscribe((event) => latest.current(event)), [feed]);
}
