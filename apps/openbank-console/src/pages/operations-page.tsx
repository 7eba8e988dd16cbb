import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChartConfiguration } from 'chart.js';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { api, call, type SubscriptionStatus } from '../api/client';
import { ChartCanvas, formatTime, palette } from '../charts/chart';
import { Badge, DataTable, Loading, Page, ProblemAlert, Section } from '../components/ui';
import { count, money, when } from '../format';
import { useLiveFeed } from '../live/live-feed-context';

/** The status is asked for every 2 s; the lag chart keeps what it saw over the last 5 minutes. */
const statusEveryMs = 2000;
const lagWindowMs = 5 * 60_000;

interface HealthAnswer {
  status: string;
  details?: Record<string, { status: string; [key: string]: unknown }>;
}

export function OperationsPage() {
  return (
    <Page title="Operations" lead="The stores, every subscription of the read side, parked events, rebuilds and the ledger check.">
      <StoreHealth />
      <Subscriptions />
      <ParkedEvents />
      <LedgerVerification />
      <Processes />
    </Page>
  );
}

function StoreHealth() {
  const health = useQuery({
    queryKey: ['health'],
    refetchInterval: 5000,
    queryFn: async (): Promise<HealthAnswer> => {
      const response = await fetch(new URL('/health', window.location.origin), { headers: { accept: 'application/json' } });
      return (await response.json()) as HealthAnswer;
    },
  });
  const names: Record<string, string> = { event_store: 'Event store (KurrentDB)', read_store: 'Read store (MongoDB)', subscriptions: 'Subscriptions' };
  return (
    <Section title="Health" id="health">
      {health.data ? (
        <ul className="health">
          {Object.entries(health.data.details ?? {}).map(([name, detail]) => (
            <li key={name}>
              <Badge tone={detail.status === 'up' ? 'ok' : 'bad'}>{detail.status === 'up' ? 'Up' : 'Down'}</Badge> {names[name] ?? name}
            </li>
          ))}
        </ul>
      ) : (
        <Loading what="the health of the stores" />
      )}
      <ProblemAlert error={health.error} />
    </Section>
  );
}

function rebuildProgress(status: SubscriptionStatus): number | undefined {
  const rebuild = status.rebuild;
  if (!rebuild) return undefined;
  if (rebuild.state === 'done') return 100;
  if (rebuild.state === 'waiting' || !rebuild.position || !status.head_position) return undefined;
  const head = BigInt(status.head_position);
  return head === 0n ? 100 : Math.min(100, Number((BigInt(rebuild.position) * 1000n) / head) / 10);
}

function Subscriptions() {
  const queries = useQueryClient();
  const { rate } = useLiveFeed();
  const statuses = useQuery({ queryKey: ['admin', 'subscriptions'], refetchInterval: statusEveryMs, queryFn: () => call(api.GET('/api/v1/admin/subscriptions')) });
  const samples = useRef<{ at: number; lag: Record<string, number> }[]>([]);
  const [confirming, setConfirming] = useState<string>();
  const rebuild = useMutation({
    mutationFn: (name: string) => call(api.POST('/api/v1/admin/subscriptions/{name}/rebuild', { params: { path: { name } } })),
    onSettled: () => queries.invalidateQueries({ queryKey: ['admin'] }),
  });

  useEffect(() => {
    if (!statuses.data) return;
    const now = Date.now();
    samples.current.push({ at: now, lag: Object.fromEntries(statuses.data.map((status) => [status.name, status.lag_ms])) });
    while (samples.current.length && samples.current[0]!.at < now - lagWindowMs) samples.current.shift();
  }, [statuses.dataUpdatedAt, statuses.data]);

  const names = statuses.data?.map((status) => status.name) ?? [];
  const config = useMemo<ChartConfiguration<'line'>>(
    () => ({
      type: 'line',
      data: {
        datasets: names.map((name, index) => ({
          label: name,
          data: samples.current.map((sample) => ({ x: sample.at, y: sample.lag[name] ?? 0 })),
          borderColor: palette[index % palette.length],
          backgroundColor: palette[index % palette.length],
          pointRadius: 0,
          borderWidth: 2,
        })),
      },
      options: {
        scales: {
          x: { type: 'linear', min: Date.now() - lagWindowMs, max: Date.now(), ticks: { maxTicksLimit: 5, callback: (value) => formatTime(Number(value)) } },
          y: { beginAtZero: true, title: { display: true, text: 'lag (ms)' } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    }),
    // Redrawn with every status.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [statuses.dataUpdatedAt],
  );
  const worst = statuses.data?.reduce((max, status) => Math.max(max, status.lag_ms), 0) ?? 0;

  return (
    <Section title="Subscriptions" id="subscriptions" actions={<span className="hint">Events/s on the live feed: {rate().toFixed(1)}</span>}>
      <ProblemAlert error={statuses.error} />
      {statuses.data ? (
        <>
          <ChartCanvas
            config={config}
            label="Lag of each subscription over the last 5 minutes, in milliseconds"
            summary={`Lag over the last 5 minutes (${samples.current.length} samples, every ${statusEveryMs / 1000} s). The worst now: ${worst} ms.`}
            height={200}
            testId="lag-chart"
          />
          <DataTable label="Subscriptions" caption="Every projection, process and sink" columns={['Name', 'Kind', 'Consumers', { label: 'Position', number: true }, 'Caught up', { label: 'Lag', number: true }, { label: 'Parked', number: true }, 'Rebuild']} testId="subscriptions">
            <tbody>
              {statuses.data.map((status) => {
                const progress = rebuildProgress(status);
                return (
                  <Fragment key={status.name}>
                    <tr>
                      <th scope="row">{status.name}</th>
                      <td>{status.kind}</td>
                      <td>{status.running ? status.consumers : <Badge tone="bad">none</Badge>}</td>
                      <td className="number">{status.position ?? '—'}</td>
                      <td>{status.caught_up ? <Badge tone="ok">yes</Badge> : <Badge tone="warn">no</Badge>}</td>
                      <td className="number">
                        {status.lag_ms} ms · {status.lag_position}
                      </td>
                      <td className="number">{status.parked ? <Badge tone="bad">{status.parked}</Badge> : 0}</td>
                      <td className="rebuild-cell">
                        {status.rebuild ? (
                          <div className="rebuild" data-testid={`rebuild-${status.name}`}>
                            <progress max={100} value={progress} aria-label={`Rebuild of ${status.name}`} />
                            <span>
                              {status.rebuild.state} · {status.rebuild.events} events{progress !== undefined ? ` · ${progress.toFixed(0)} %` : ''}
                            </span>
                          </div>
                        ) : null}
                        {status.kind === 'projection' ? (
                          <button
                            type="button"
                            className="button-small"
                            onClick={() => setConfirming(status.name)}
                            disabled={status.rebuild?.state === 'running' || status.rebuild?.state === 'waiting'}
                          >
                            Rebuild <span className="visually-hidden">{status.name}</span>
                          </button>
                        ) : null}
                      </td>
                    </tr>
                    {confirming === status.name ? (
                      <tr>
                        <td colSpan={8}>
                          <div className="confirm" role="group" aria-label={`Confirm the rebuild of ${status.name}`}>
                            <p>
                              Rebuilding drops what <strong>{status.name}</strong> wrote and applies every event of the store to it again, while live events keep coming in.
                            </p>
                            <button
                              type="button"
                              className="button-danger"
                              onClick={() => {
                                setConfirming(undefined);
                                rebuild.mutate(status.name);
                              }}
                            >
                              Rebuild {status.name} now
                            </button>{' '}
                            <button type="button" className="button-quiet" onClick={() => setConfirming(undefined)}>
                              Cancel
                            </button>
                          </div>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </DataTable>
          <ProblemAlert error={rebuild.error} title="The rebuild was refused" />
        </>
      ) : (
        <Loading what="the subscriptions" />
      )}
    </Section>
  );
}

function ParkedEvents() {
  const queries = useQueryClient();
  const parked = useQuery({ queryKey: ['admin', 'parked'], refetchInterval: 5000, queryFn: () => call(api.GET('/api/v1/admin/parked-events', { params: { query: {} } })) });
  const [result, setResult] = useState<string>();
  const replay = useMutation({
    mutationFn: (id: string | undefined) =>
      id
        ? call(api.POST('/api/v1/admin/parked-events/{id}/replay', { params: { path: { id } } }))
        : call(api.POST('/api/v1/admin/parked-events/replay', { params: { query: {} } })),
    onSuccess: (answer) =>
      setResult(
        answer.still_parked.length === 0
          ? `Replayed ${answer.replayed} parked event${answer.replayed === 1 ? '' : 's'}.`
          : `Replayed ${answer.replayed}; ${answer.still_parked.length} failed again and stay parked: fix their cause first.`,
      ),
    onSettled: () => queries.invalidateQueries({ queryKey: ['admin'] }),
  });
  const events = parked.data ?? [];
  return (
    <Section
      title="Parked events"
      id="parked"
      actions={
        events.length > 1 ? (
          <button type="button" className="button-small" onClick={() => replay.mutate(undefined)} disabled={replay.isPending}>
            Replay all
          </button>
        ) : null
      }
    >
      <p className="hint">An event a subscription failed on, set aside for that subscription alone. Replay it once its cause is fixed.</p>
      <ProblemAlert error={parked.error ?? replay.error} />
      <div aria-live="polite">{result ? <p className="alert alert-ok">{result}</p> : null}</div>
      {parked.data ? (
        events.length === 0 ? (
          <p data-testid="no-parked-events">No event is parked.</p>
        ) : (
          <DataTable label="Parked events" caption="Parked events" columns={['Subscription', 'Event', 'Stream', 'Parked', 'Error', { label: 'Replay', hidden: true }]} testId="parked-events">
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td>{event.subscription}</td>
                  <td>{event.event_type}</td>
                  <td>
                    <code>
                      {event.stream_id}@{event.revision}
                    </code>
                  </td>
                  <td>
                    {when(event.parked_at)} · {event.attempts} attempts
                  </td>
                  <td className="error-text">{event.error}</td>
                  <td>
                    <button type="button" className="button-small" onClick={() => replay.mutate(event.id)} disabled={replay.isPending}>
                      Replay <span className="visually-hidden">{`${event.event_type} of ${event.stream_id}`}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )
      ) : (
        <Loading what="the parked events" />
      )}
    </Section>
  );
}

function LedgerVerification() {
  const check = useMutation({ mutationFn: () => call(api.GET('/api/v1/admin/ledger/verification', { params: { query: { settle_seconds: 2, catch_up_seconds: 10 } as never } })) });
  const result = check.data;
  return (
    <Section
      title="Ledger check"
      id="ledger"
      actions={
        <button type="button" className="button-small" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? 'Checking…' : 'Run the ledger check'}
        </button>
      }
    >
      <p className="hint">Recomputes every balance from the event store, compares it with the read model, checks that money is conserved and every transfer settled.</p>
      <ProblemAlert error={check.error} />
      <div aria-live="polite">
        {result ? (
          <div className="stack" data-testid="ledger-result">
            <p className={`alert ${result.ok ? 'alert-ok' : 'alert-error'}`}>
              {result.ok ? 'The ledger adds up.' : `${count(result.difference_count, 'difference')} found.`} Checked {count(result.accounts.checked, 'account')} and{' '}
              {count(result.transfers.checked, 'transfer')} from {count(result.events_read, 'event')} in {result.duration_ms} ms, {when(result.checked_at)}.
            </p>
            <DataTable label="Totals per currency" caption="Totals per currency" columns={['Currency', { label: 'Deposits', number: true }, { label: 'Interest', number: true }, { label: 'Withdrawals', number: true }, { label: 'Balances', number: true }, 'Conserved']}>
              <tbody>
                {result.totals.map((total) => (
                  <tr key={total.currency}>
                    <th scope="row">{total.currency}</th>
                    <td className="number">{money(total.deposits)}</td>
                    <td className="number">{money(total.interest)}</td>
                    <td className="number">{money(total.withdrawals)}</td>
                    <td className="number">{money(total.read_model_balance_sum)}</td>
                    <td>{total.conserved ? <Badge tone="ok">yes</Badge> : <Badge tone="bad">no</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            {result.differences.length ? (
              <ul>
                {result.differences.map((difference, index) => (
                  <li key={index}>
                    <strong>{difference.kind}</strong>: {difference.detail}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </Section>
  );
}

function Processes() {
  const processes = useQuery({ queryKey: ['admin', 'processes'], refetchInterval: 5000, queryFn: () => call(api.GET('/api/v1/admin/processes')) });
  return (
    <Section title="Processes" id="processes">
      <ProblemAlert error={processes.error} />
      {processes.data ? (
        <DataTable label="Processes" caption="Processes that reported in the last 15 seconds" columns={['Process', 'Role', 'Up since', 'Consumers']}>
          <tbody>
            {processes.data.map((process) => (
              <tr key={process.id}>
                <th scope="row">
                  <code>{process.id}</code>
                </th>
                <td>{process.role}</td>
                <td>{when(process.started_at)}</td>
                <td>
                  {Object.entries(process.consumers as Record<string, string>)
                    .map(([group, state]) => `${group}: ${state}`)
                    .join(', ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <Loading what="the processes" />
      )}
    </Section>
  );
}
