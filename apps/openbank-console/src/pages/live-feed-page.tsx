import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Badge, DataTable, Page } from '../components/ui';
import type { CloudEvent } from '../live/feed';
import { useLiveEvents, useLiveFeed } from '../live/live-feed-context';

const kept = 200;

interface Received {
  readonly event: CloudEvent;
  readonly receivedAt: number;
}

/** Where an event's subject can be opened. */
function subjectLink(event: CloudEvent) {
  if (!event.subject) return '—';
  const short = event.subject.slice(0, 8);
  if (event.type.startsWith('bank.account.') || event.type === 'bank.transaction.v1')
    return (
      <Link to={`/accounts/${event.subject}`} aria-label={`Account ${event.subject}`}>
        {short}
      </Link>
    );
  if (event.type.startsWith('bank.transfer.'))
    return (
      <Link to={`/transfers/${event.subject}`} aria-label={`Transfer ${event.subject}`}>
        {short}
      </Link>
    );
  if (event.type.startsWith('bank.person.'))
    return (
      <Link to={`/persons/${event.subject}`} aria-label={`Person ${event.subject}`}>
        {short}
      </Link>
    );
  return <code>{short}</code>;
}

function summary(event: CloudEvent): string {
  const data = event.data as
    { transaction?: { type?: string; direction?: string; amount?: { amount: string; currency: string } }; amount?: { amount: string; currency: string } } | undefined;
  const amount = data?.transaction?.amount ?? data?.amount;
  const what = data?.transaction ? `${data.transaction.type?.toLowerCase()} ${data.transaction.direction === 'IN' ? 'in' : 'out'}` : '';
  return [what, amount ? `${amount.amount} ${amount.currency}` : ''].filter(Boolean).join(' · ');
}

/** Every domain event as a CloudEvent, as it happens: pause it to read, filter it by type or subject. */
export function LiveFeedPage() {
  const ids = useId();
  const { status } = useLiveFeed();
  const [events, setEvents] = useState<readonly Received[]>([]);
  const [paused, setPaused] = useState(false);
  const [missed, setMissed] = useState(0);
  const [filter, setFilter] = useState('');
  const held = useRef<Received[]>([]);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  useLiveEvents((event) => {
    const received = { event, receivedAt: Date.now() };
    if (pausedRef.current) {
      held.current.push(received);
      setMissed(held.current.length);
      return;
    }
    setEvents((current) => [received, ...current].slice(0, kept));
  });

  const toggle = () => {
    if (paused) {
      const resumed = held.current.reverse();
      held.current = [];
      setMissed(0);
      setEvents((current) => [...resumed, ...current].slice(0, kept));
    }
    setPaused(!paused);
  };

  const needle = filter.trim().toLowerCase();
  const shown = needle ? events.filter(({ event }) => event.type.toLowerCase().includes(needle) || (event.subject ?? '').toLowerCase().includes(needle)) : events;
  const tone = status === 'live' ? 'ok' : status === 'refused' ? 'bad' : 'warn';
  return (
    <Page
      title="Live feed"
      lead={
        <>
          Every domain event as a CloudEvent, as it happens (nothing from before you opened this page). <Badge tone={tone}>{status === 'live' ? 'Live' : status}</Badge>
        </>
      }
    >
      <div className="filters">
        <div className="field">
          <label htmlFor={`${ids}-filter`}>Filter by type or subject</label>
          <input id={`${ids}-filter`} type="search" value={filter} onChange={(event) => setFilter(event.target.value)} placeholder="bank.transaction" autoComplete="off" />
        </div>
        <div className="filter-buttons">
          <button type="button" aria-pressed={paused} onClick={toggle}>
            {paused ? 'Resume' : 'Pause'}
          </button>
          <span aria-live="polite" className="hint">
            {paused ? `Paused: ${missed} new event${missed === 1 ? '' : 's'} held back.` : ''}
          </span>
        </div>
      </div>
      <DataTable label="Live events" caption="Events as they arrive, newest first" columns={['Received', 'Type', 'Subject', 'What', 'Correlation id']} testId="live-events">
        <tbody>
          {shown.length === 0 ? (
            <tr>
              <td colSpan={5}>{events.length ? 'No event matches the filter.' : 'Waiting for events…'}</td>
            </tr>
          ) : null}
          {shown.map(({ event, receivedAt }) => (
            <tr key={event.id} data-subject={event.subject} data-type={event.type}>
              <td>
                <time dateTime={new Date(receivedAt).toISOString()}>{new Date(receivedAt).toLocaleTimeString()}</time>
              </td>
              <td>{event.type}</td>
              <td>{subjectLink(event)}</td>
              <td>{summary(event)}</td>
              <td>
                <code>{event.correlationid ?? '—'}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Page>
  );
}
