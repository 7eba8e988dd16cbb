import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, call, type HistoryEntry } from './api/client';
import { isStaff } from './auth/session';
import { useSession } from './session-context';

/**
 * Customers have no live feed (the API keeps it to staff): their pages ask again every 5 s while
 * shown. Staff pages are refreshed by the feed. Nothing is asked more often than once a second.
 */
export function useRefreshInterval(): number | false {
  const { session } = useSession();
  return isStaff(session) ? false : 5000;
}

export function useAccount(id: string) {
  const refetchInterval = useRefreshInterval();
  return useQuery({ queryKey: ['account', id], queryFn: () => call(api.GET('/api/v1/accounts/{id}', { params: { path: { id } } })), refetchInterval });
}

export function usePerson(id: string | undefined) {
  return useQuery({ queryKey: ['person', id], enabled: !!id, queryFn: () => call(api.GET('/api/v1/persons/{id}', { params: { path: { id: id! } } })) });
}

export function useAccountsOf(personId: string | undefined) {
  const refetchInterval = useRefreshInterval();
  return useQuery({
    queryKey: ['list', 'accounts-of', personId],
    enabled: !!personId,
    queryFn: () => call(api.GET('/api/v1/accounts/by-owner/{ownerId}', { params: { path: { ownerId: personId! }, query: { page_size: 100 } as never } })),
    refetchInterval,
  });
}

/** The most events the balance chart draws: the latest ones. */
export const chartedEvents = 1000;

/** An account's stream, as its timeline (replayed by the API from the event store: never behind). */
export function useHistory(id: string, latestRevision: number | undefined) {
  const refetchInterval = useRefreshInterval();
  return useQuery({
    queryKey: ['account', id, 'history', latestRevision !== undefined ? Math.max(0, latestRevision - chartedEvents + 1) : 0],
    enabled: latestRevision !== undefined,
    refetchInterval,
    queryFn: async () => {
      const entries: HistoryEntry[] = [];
      let from: number | undefined = Math.max(0, (latestRevision ?? 0) - chartedEvents + 1);
      while (from !== undefined && entries.length < chartedEvents) {
        const page: { items: HistoryEntry[]; next_from_revision?: number } = await call(
          api.GET('/api/v1/accounts/{id}/history', { params: { path: { id }, query: { from_revision: from, limit: 100 } as never } }),
        );
        entries.push(...page.items);
        from = page.next_from_revision;
      }
      return entries;
    },
  });
}

/**
 * After a command: what it changed is fetched again at once (the event store answers history at
 * once) and a second later (the read models follow within milliseconds, under load within seconds).
 */
export function useRefreshAfterCommand() {
  const queries = useQueryClient();
  return useCallback(
    (...ids: string[]) => {
      const refresh = () => void queries.invalidateQueries({ predicate: ({ queryKey }) => queryKey.some((part) => typeof part === 'string' && ids.includes(part)) });
      setTimeout(refresh, 250);
      setTimeout(refresh, 1250);
    },
    [queries],
  );
}
