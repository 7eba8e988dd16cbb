import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ChartConfiguration } from 'chart.js';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { api, call } from '../api/client';
import { ChartCanvas, palette } from '../charts/chart';
import { DataTable, Loading, Page, ProblemAlert, Section } from '../components/ui';
import { money } from '../format';

const utcDay = (date: Date) => date.toISOString().slice(0, 10);
const daysAgo = (days: number) => utcDay(new Date(Date.now() - days * 86_400_000));

/** The bank's money in and out per day and per currency (UTC days). */
export function AnalyticsPage() {
  const ids = useId();
  const [draft, setDraft] = useState({ from: daysAgo(29), to: daysAgo(0) });
  const [period, setPeriod] = useState(draft);
  const [currency, setCurrency] = useState<string>();
  const analytics = useQuery({
    queryKey: ['list', 'analytics', period],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/transactions/analytics', { params: { query: period } })),
  });
  const currencies = analytics.data?.currencies ?? [];
  const shown = currencies.find((entry) => entry.currency === currency) ?? currencies[0];

  const config = useMemo<ChartConfiguration<'bar'>>(() => {
    const days = shown?.daily ?? [];
    return {
      type: 'bar',
      data: {
        labels: days.map((day) => day.day),
        datasets: [
          { label: 'Credits (money in)', data: days.map((day) => Number(day.credits_total)), backgroundColor: palette[2] },
          { label: 'Debits (money out)', data: days.map((day) => Number(day.debits_total)), backgroundColor: palette[1] },
        ],
      },
      options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, title: { display: true, text: shown?.currency ?? '' } } } },
    };
  }, [shown]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPeriod(draft);
  };
  return (
    <Page title="Analytics" lead="Money in and out of every account, per day (UTC) and currency.">
      <form className="filters" onSubmit={apply} aria-label="Period">
        <div className="field">
          <label htmlFor={`${ids}-from`}>From (day)</label>
          <input id={`${ids}-from`} type="date" required value={draft.from} max={draft.to} onChange={(event) => setDraft({ ...draft, from: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-to`}>To (day, included)</label>
          <input id={`${ids}-to`} type="date" required value={draft.to} min={draft.from} onChange={(event) => setDraft({ ...draft, to: event.target.value })} />
        </div>
        <div className="filter-buttons">
          <button type="submit">Show</button>
        </div>
        {currencies.length > 1 ? (
          <div className="field">
            <label htmlFor={`${ids}-currency`}>Currency</label>
            <select id={`${ids}-currency`} value={shown?.currency} onChange={(event) => setCurrency(event.target.value)}>
              {currencies.map((entry) => (
                <option key={entry.currency}>{entry.currency}</option>
              ))}
            </select>
          </div>
        ) : null}
      </form>
      <ProblemAlert error={analytics.error} />
      {analytics.isLoading ? <Loading what="the analytics" /> : null}
      {analytics.data && !shown ? <p>No transaction in this period.</p> : null}
      {shown ? (
        <>
          <Section title={`Daily credits and debits, ${shown.currency}`} id="daily">
            <ChartCanvas
              config={config}
              label={`Daily credits and debits in ${shown.currency} from ${period.from} to ${period.to}`}
              summary={`${shown.daily.length} days with transactions. In all: ${shown.credits.count} credits for ${money(shown.credits.total, shown.currency)}, ${shown.debits.count} debits for ${money(shown.debits.total, shown.currency)}.`}
              testId="analytics-chart"
            />
          </Section>
          <Section title="Totals" id="totals">
            <DataTable label="Totals" caption="Totals per currency" columns={['Currency', { label: 'Credits', number: true }, { label: 'Credited', number: true }, { label: 'Largest credit', number: true }, { label: 'Debits', number: true }, { label: 'Debited', number: true }, { label: 'Largest debit', number: true }]}>
              <tbody>
                {currencies.map((entry) => (
                  <tr key={entry.currency}>
                    <th scope="row">{entry.currency}</th>
                    <td className="number">{entry.credits.count}</td>
                    <td className="number">{money(entry.credits.total)}</td>
                    <td className="number">{money(entry.credits.largest)}</td>
                    <td className="number">{entry.debits.count}</td>
                    <td className="number">{money(entry.debits.total)}</td>
                    <td className="number">{money(entry.debits.largest)}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </Section>
        </>
      ) : null}
    </Page>
  );
}
