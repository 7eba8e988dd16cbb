import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isStaff } from '../auth/session';
import { BalanceChart } from '../components/balance-chart';
import { MoneyForm } from '../components/money-form';
import { Timeline } from '../components/timeline';
import { TransactionsTable } from '../components/transactions-table';
import { Badge, Facts, Loading, Page, PageWithout, ProblemAlert, Section } from '../components/ui';
import { accountName, isUuid, money, when } from '../format';
import { chartedEvents, useAccount, useAccountsOf, useHistory, useRefreshAfterCommand } from '../queries';
import { useSession } from '../session-context';

const timelineRows = 50;

/** One account: for its customer and for staff; staff also see its event timeline. */
export function AccountPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const staff = isStaff(session);
  const account = useAccount(id);
  const history = useHistory(id, account.data?.revision);
  const owned = useAccountsOf(account.data?.owner_id);
  const refresh = useRefreshAfterCommand();
  const [wholeTimeline, setWholeTimeline] = useState(false);

  if (!isUuid(id)) return <Page title="Account not found">This is not an account id.</Page>;
  if (!account.data || account.error) return <PageWithout title="Account" what="the account" error={account.error} />;
  const data = account.data;
  const entries = history.data ?? [];
  const shown = wholeTimeline ? entries : entries.slice(-timelineRows);
  return (
    <Page
      title={accountName(data)}
      lead={
        <>
          {staff ? <Link to={`/persons/${data.owner_id}`}>{data.owner}</Link> : data.owner} · opened {when(data.created_at)}{' '}
          <Badge tone={data.status === 'ACTIVE' ? 'ok' : 'neutral'}>{data.status === 'ACTIVE' ? 'Open' : `Closed ${when(data.closed_at)}`}</Badge>
        </>
      }
    >
      <div className="summary-grid">
        <Stat id="balance" label="Balance" value={money(data.balance, data.currency)} testId="balance" />
        <Stat id="available" label="Available" value={money(data.available_balance, data.currency)} testId="available" />
        <Stat id="overdraft" label="Overdraft limit" value={money(data.overdraft_limit, data.currency)} />
      </div>

      <Section title="Balance over time" id="chart">
        <ProblemAlert error={history.error} />
        {history.data ? <BalanceChart account={data} entries={entries} /> : <Loading what="the balance over time" />}
        {entries.length >= chartedEvents ? <p className="hint">The chart shows the latest {chartedEvents} events.</p> : null}
      </Section>

      <div className="two-columns">
        <Section title="Move money" id="move-money">
          <MoneyForm account={data} otherAccounts={(owned.data?.items ?? []).filter((other) => other.id !== data.id)} onDone={refresh} />
        </Section>
        <Section title="Account" id="facts">
          <Facts
            items={[
              ['Account id', <code key="id">{data.id}</code>],
              ['Owner', data.owner],
              ['Currency', data.currency],
              ['Transactions', data.transactions_count],
              ['Last change', when(data.last_modified)],
              ['Revision', data.revision],
            ]}
          />
        </Section>
      </div>

      <Section title="Transactions" id="transactions">
        <TransactionsTable account={data} />
      </Section>

      {staff ? (
        <Section
          title="Event timeline"
          id="timeline"
          actions={
            entries.length > timelineRows ? (
              <button type="button" className="button-quiet" onClick={() => setWholeTimeline(!wholeTimeline)} aria-expanded={wholeTimeline}>
                {wholeTimeline ? `Show the latest ${timelineRows}` : `Show all ${entries.length}`}
              </button>
            ) : null
          }
        >
          {history.data ? <Timeline account={data} entries={shown} /> : <Loading what="the timeline" />}
        </Section>
      ) : null}
    </Page>
  );
}

/** One figure of the account, named by its label for screen readers. */
function Stat({ id, label, value, testId }: { id: string; label: string; value: string; testId?: string }) {
  return (
    <div className="card stat">
      <p className="stat-label" id={`${id}-label`}>
        {label}
      </p>
      <p className="stat-value" aria-labelledby={`${id}-label`} data-testid={testId}>
        {value}
      </p>
    </div>
  );
}
