import { Link, useParams } from 'react-router';
import { Badge, Facts, Loading, Page, PageWithout, ProblemAlert, Section } from '../components/ui';
import { accountName, money, personName, when } from '../format';
import { useAccountsOf, usePerson } from '../queries';

export function PersonPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  const accounts = useAccountsOf(id);
  if (!person.data || person.error) return <PageWithout title="Person" what="the person" error={person.error} />;
  const data = person.data;
  const address = data.address
    ? [`${data.address.street} ${data.address.number}`, `${data.address.zip_code} ${data.address.city}`, data.address.state, data.address.country].filter(Boolean).join(', ')
    : '—';
  return (
    <Page title={personName(data)} lead={`Registered ${when(data.registered_at)}`}>
      <div className="two-columns">
        <Section title="Person" id="person">
          <Facts
            items={[
              ['Person id', <code key="id">{data.id}</code>],
              ['Born', data.date_of_birth ?? '—'],
              ['Nationality', data.nationality ?? '—'],
              ['Address', address],
              ['Last change', when(data.last_modified)],
            ]}
          />
        </Section>
        <Section title="Accounts" id="accounts">
          <ProblemAlert error={accounts.error} />
          {accounts.data ? (
            accounts.data.items.length === 0 ? (
              <p>No account.</p>
            ) : (
              <ul className="plain-list">
                {accounts.data.items.map((account) => (
                  <li key={account.id}>
                    <Link to={`/accounts/${account.id}`}>
                      {accountName(account)}
                    </Link>{' '}
                    {money(account.balance, account.currency)}{' '}
                    <Badge tone={account.status === 'ACTIVE' ? 'ok' : 'neutral'}>{account.status === 'ACTIVE' ? 'Open' : 'Closed'}</Badge>
                  </li>
                ))}
              </ul>
            )
          ) : (
            <Loading what="accounts" />
          )}
        </Section>
      </div>
    </Page>
  );
}
