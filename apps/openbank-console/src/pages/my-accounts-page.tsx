import { Link } from 'react-router';
import { Badge, Loading, Page, ProblemAlert } from '../components/ui';
import { accountName, money, personName } from '../format';
import { useAccountsOf, usePerson } from '../queries';
import { useSession } from '../session-context';

/** The customer's home: their accounts, with balances. */
export function MyAccountsPage() {
  const { session } = useSession();
  const person = usePerson(session?.personId);
  const accounts = useAccountsOf(session?.personId);
  const name = person.data ? personName(person.data) : undefined;
  return (
    <Page title="My accounts" lead={name ? `Signed in as ${name}.` : undefined}>
      {!session?.personId ? (
        <p className="alert alert-error" role="alert">
          This token names no person: it cannot show a customer’s accounts.
        </p>
      ) : null}
      <ProblemAlert error={accounts.error ?? person.error} />
      {accounts.isLoading ? <Loading what="your accounts" /> : null}
      {accounts.data && accounts.data.items.length === 0 ? <p>You have no account yet.</p> : null}
      <ul className="account-cards">
        {accounts.data?.items.map((account) => (
          <li key={account.id} className="card account-card">
            <h2>
              <Link to={`/accounts/${account.id}`}>
                {accountName(account)}
              </Link>
            </h2>
            <p className="balance" data-testid={`balance-${account.id}`}>
              {money(account.balance, account.currency)}
            </p>
            <dl className="facts compact">
              <div>
                <dt>Available</dt>
                <dd>{money(account.available_balance, account.currency)}</dd>
              </div>
              <div>
                <dt>Overdraft limit</dt>
                <dd>{money(account.overdraft_limit, account.currency)}</dd>
              </div>
              <div>
                <dt>Status</dt>
                <dd>
                  <Badge tone={account.status === 'ACTIVE' ? 'ok' : 'neutral'}>{account.status === 'ACTIVE' ? 'Open' : 'Closed'}</Badge>
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </Page>
  );
}
