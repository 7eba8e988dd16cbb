import { useQuery } from '@tanstack/react-query';
import type { ChartConfiguration, Plugin } from 'chart.js';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { api, call, type Account, type HistoryEntry } from '../api/client';
import { ChartCanvas, formatInstant, palette } from '../charts/chart';
import { localInputValue, money, when } from '../format';
import { ProblemAlert } from './ui';

interface Marker {
  x: number;
}

/** A vertical line at the instant the picker names. */
function markerPlugin(marker: { current: Marker | undefined }): Plugin<'line'> {
  return {
    id: 'balance-at-marker',
    afterDatasetsDraw(chart) {
      const at = marker.current;
      if (!at) return;
      const { ctx, chartArea, scales } = chart;
      const x = scales.x!.getPixelForValue(at.x);
      if (x < chartArea.left || x > chartArea.right) return;
      ctx.save();
      ctx.strokeStyle = '#8a4baf';
      ctx.lineWidth = 2;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.restore();
    },
  };
}

/**
 * The balance over time, from the account's event timeline (the balance after each event, held
 * until the next), with the overdraft limit drawn below zero; and the balance at any instant,
 * picked with a date-time input or by clicking the chart, marked on it.
 */
export function BalanceChart({ account, entries }: { account: Account; entries: readonly HistoryEntry[] }) {
  const ids = useId();
  const [picked, setPicked] = useState('');
  const [instant, setInstant] = useState<string>();
  // Typing a date changes the value once per keystroke: ask the API once the typing rests.
  useEffect(() => {
    const timer = setTimeout(() => setInstant(picked ? new Date(picked).toISOString() : undefined), 300);
    return () => clearTimeout(timer);
  }, [picked]);
  const balanceAt = useQuery({
    queryKey: ['account', account.id, 'balance-at', instant],
    enabled: !!instant,
    staleTime: Infinity,
    queryFn: () => call(api.GET('/api/v1/accounts/{id}/balance', { params: { path: { id: account.id }, query: { at: instant! } } })),
  });

  const marker = useRef<Marker | undefined>(undefined);
  marker.current = instant ? { x: Date.parse(instant) } : undefined;
  const plugin = useMemo(() => markerPlugin(marker), []);

  const now = Date.now();
  const points = entries.map((entry) => ({ x: Date.parse(entry.occurred_at), y: Number(entry.balance_after) }));
  const last = points.at(-1);
  if (last) points.push({ x: Math.max(now, last.x), y: last.y });
  const limit = Number(account.overdraft_limit);
  const first = points[0]?.x ?? now;
  const balances = points.map((point) => point.y);

  const config = useMemo<ChartConfiguration<'line'>>(
    () => ({
      type: 'line',
      data: {
        datasets: [
          {
            label: 'Balance',
            data: points,
            stepped: 'after',
            borderColor: palette[0],
            backgroundColor: 'rgba(11, 92, 173, 0.10)',
            fill: 'origin',
            pointRadius: 2.5,
            borderWidth: 2,
          },
          {
            label: `Overdraft limit (−${account.overdraft_limit})`,
            data: [
              { x: first, y: -limit },
              { x: Math.max(now, first), y: -limit },
            ],
            borderColor: palette[1],
            borderDash: [6, 4],
            pointRadius: 0,
            borderWidth: 2,
          },
        ],
      },
      options: {
        scales: {
          x: { type: 'linear', min: first, max: Math.max(now, first + 1000), ticks: { maxTicksLimit: 5, callback: (value) => formatInstant(Number(value)) } },
          y: { ticks: { callback: (value) => `${value}` }, title: { display: true, text: account.currency } },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { title: (items) => formatInstant(items[0]!.parsed.x ?? 0) } },
        },
        onClick: (event, _elements, chart) => {
          const value = chart.scales.x!.getValueForPixel(event.x ?? 0);
          if (value !== undefined) setPicked(localInputValue(new Date(Math.max(Date.parse(account.created_at), Math.min(value, Date.now())))));
        },
      },
      plugins: [plugin],
    }),
    // entries and the account are what change; `now` moves with them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [entries, account.overdraft_limit, account.currency, plugin, instant],
  );

  const summary =
    entries.length === 0
      ? 'No events yet.'
      : `${entries.length} events since ${when(entries[0]!.occurred_at)}. Lowest ${money(String(Math.min(...balances).toFixed(fractionDigits(account.balance))), account.currency)}, highest ${money(String(Math.max(...balances).toFixed(fractionDigits(account.balance))), account.currency)}, now ${money(entries.at(-1)!.balance_after, account.currency)}. The balance may go down to the overdraft limit, −${money(account.overdraft_limit, account.currency)}.`;

  return (
    <div className="balance-chart">
      <ChartCanvas config={config} label={`Balance of account ${account.id.slice(0, 8)} over time, with its overdraft limit`} summary={summary} testId="balance-chart" />
      <form className="balance-at" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={`${ids}-at`}>Balance at an instant</label>
          <input
            id={`${ids}-at`}
            type="datetime-local"
            step="1"
            min={localInputValue(new Date(account.created_at))}
            max={localInputValue(new Date())}
            value={picked}
            onChange={(event) => setPicked(event.target.value)}
          />
        </div>
        <output htmlFor={`${ids}-at`} aria-live="polite" data-testid="balance-at">
          {!instant
            ? 'Pick a date and time (or click the chart) to see the balance then.'
            : balanceAt.data
              ? `On ${when(balanceAt.data.at)} the balance was ${money(balanceAt.data.balance, balanceAt.data.currency)} (overdraft limit ${money(balanceAt.data.overdraft_limit, balanceAt.data.currency)}, after event ${balanceAt.data.revision}).`
              : balanceAt.isFetching
                ? 'Asking…'
                : ''}
        </output>
        <ProblemAlert error={balanceAt.error} />
      </form>
    </div>
  );
}

const fractionDigits = (amount: string) => amount.split('.')[1]?.length ?? 0;
