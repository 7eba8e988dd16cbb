import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiProblem, call } from '../api/client';
import { Badge, DataTable, Loading, Page, Pager, ProblemAlert, Section } from '../components/ui';
import { isUuid, money, personName, when } from '../format';

const pageSize = 10;
const transferStatuses = ['INITIATED', 'SOURCE_DEBITED', 'CREDIT_REFUSED', 'COMPLETED', 'FAILED'] as const;
type TransferStatus = (typeof transferStatuses)[number];
const statusTone = (status: string) => (status === 'COMPLETED' ? 'ok' : status === 'FAILED' ? 'bad' : 'warn');

/** A 404 is "not this kind of thing", not an error. */
async function orNothing<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiProblem && (error.response.status === 404 || error.response.status === 400)) return undefined;
    throw error;
  }
}

/** Staff's start: find a person by name, or anything by its id; every person and every account, a page at a time. */
export function StaffSearchPage() {
  const ids = useId();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [personsPage, setPersonsPage] = useState(1);
  const [accountsPage, setAccountsPage] = useState(1);
  const [transfersPage, setTransfersPage] = useState(1);
  const [transferStatus, setTransferStatus] = useState<TransferStatus | ''>('');

  const byId = useQuery({
    queryKey: ['search', search],
    enabled: isUuid(search),
    queryFn: async () => {
      const id = search.trim();
      const [account, person, transfer] = await Promise.all([
        orNothing(call(api.GET('/api/v1/accounts/{id}', { params: { path: { id } } }))),
        orNothing(call(api.GET('/api/v1/persons/{id}', { params: { path: { id } } }))),
        orNothing(call(api.GET('/api/v1/transactions/transfers/{id}', { params: { path: { id } } }))),
      ]);
      return { account, person, transfer };
    },
  });
  const name = isUuid(search) ? '' : search.trim();
  const persons = useQuery({
    queryKey: ['list', 'persons', name, personsPage],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/persons', { params: { query: { page: personsPage, page_size: pageSize, ...(name ? { name } : {}) } as never } })),
  });
  const accounts = useQuery({
    queryKey: ['list', 'accounts', accountsPage],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/accounts', { params: { query: { page: accountsPage, page_size: pageSize } as never } })),
  });

  const transfers = useQuery({
    queryKey: ['list', 'transfers', transferStatus, transfersPage],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(api.GET('/api/v1/transactions/transfers', { params: { query: { page: transfersPage, page_size: pageSize, ...(transferStatus ? { status: transferStatus } : {}) } as never } })),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(text);
    setPersonsPage(1);
  };
  const found = byId.data;
  return (
    <Page title="Search" lead="Persons by name; persons, accounts and transfers by id.">
      <form role="search" className="search" onSubmit={submit}>
        <label htmlFor={`${ids}-q`}>Name or id</label>
        <div className="search-row">
          <input id={`${ids}-q`} type="search" value={text} onChange={(event) => setText(event.target.value)} placeholder="Smith, or 4f0e5b8e-…" autoComplete="off" />
          <button type="submit" className="button-primary">
            Search
          </button>
        </div>
      </form>

      {isUuid(search) ? (
        <Section title="Found by id" id="by-id">
          <ProblemAlert error={byId.error} />
          {byId.isLoading ? <Loading what="what has this id" /> : null}
          {found && !found.account && !found.person && !found.transfer ? <p>Nothing has this id.</p> : null}
          <ul className="plain-list">
            {found?.account ? (
              <li>
                Account <Link to={`/accounts/${found.account.id}`}>{found.account.id}</Link> of {found.account.owner}: {money(found.account.balance, found.account.currency)}
              </li>
            ) : null}
            {found?.person ? (
              <li>
                Person <Link to={`/persons/${found.person.id}`}>{personName(found.person)}</Link>, born {found.person.date_of_birth ?? '—'}
              </li>
            ) : null}
            {found?.transfer ? (
              <li>
                Transfer <Link to={`/transfers/${found.transfer.id}`}>{found.transfer.id}</Link> of {money(found.transfer.amount, found.transfer.currency)}: {found.transfer.status}
              </li>
            ) : null}
          </ul>
        </Section>
      ) : null}

      <div className="two-columns">
        <Section title={name ? `Persons named “${name}”` : 'Persons'} id="persons">
          <ProblemAlert error={persons.error} />
          {persons.data ? (
            <>
              <DataTable label="Persons" caption="Persons" columns={['Name', 'Born', 'Registered']}>
                <tbody>
                  {persons.data.items.length === 0 ? (
                    <tr>
                      <td colSpan={3}>No one.</td>
                    </tr>
                  ) : null}
                  {persons.data.items.map((person) => (
                    <tr key={person.id}>
                      <td>
                        <Link to={`/persons/${person.id}`}>{personName(person)}</Link>
                      </td>
                      <td>{person.date_of_birth}</td>
                      <td>{when(person.registered_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
              <Pager page={persons.data.page} totalPages={persons.data.total_pages} totalItems={persons.data.total_items} onPage={setPersonsPage} label="Pages of persons" />
            </>
          ) : (
            <Loading what="persons" />
          )}
        </Section>

        <Section title="Accounts" id="accounts">
          <ProblemAlert error={accounts.error} />
          {accounts.data ? (
            <>
              <DataTable label="Accounts" caption="Accounts" columns={['Account', 'Owner', { label: 'Balance', number: true }, 'Status']}>
                <tbody>
                  {accounts.data.items.map((account) => (
                    <tr key={account.id}>
                      <td>
                        <Link to={`/accounts/${account.id}`} aria-label={`Account ${account.id}`}>
                          <code>{account.id.slice(0, 8)}</code>
                        </Link>
                      </td>
                      <td>{account.owner}</td>
                      <td className="number">{money(account.balance, account.currency)}</td>
                      <td>
                        <Badge tone={account.status === 'ACTIVE' ? 'ok' : 'neutral'}>{account.status === 'ACTIVE' ? 'Open' : 'Closed'}</Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
              <Pager page={accounts.data.page} totalPages={accounts.data.total_pages} totalItems={accounts.data.total_items} onPage={setAccountsPage} label="Pages of accounts" />
            </>
          ) : (
            <Loading what="accounts" />
          )}
        </Section>
      </div>

      <Section
        title="Transfers"
        id="transfers"
        actions={
          <div className="inline-field">
            <label htmlFor={`${ids}-status`}>Status</label>
            <select
              id={`${ids}-status`}
              value={transferStatus}
              onChange={(event) => {
                setTransferStatus(event.target.value as TransferStatus | '');
                setTransfersPage(1);
              }}
            >
              <option value="">Every status</option>
              {transferStatuses.map((status) => (
                <option key={status}>{status}</option>
              ))}
            </select>
          </div>
        }
      >
        <ProblemAlert error={transfers.error} />
        {transfers.data ? (
          <>
            <DataTable label="Transfers" caption="Transfers, newest first" columns={['Initiated', { label: 'Amount', number: true }, 'From', 'To', 'Status']} testId="transfers">
              <tbody>
                {transfers.data.items.length === 0 ? (
                  <tr>
                    <td colSpan={5}>No transfer.</td>
                  </tr>
                ) : null}
                {transfers.data.items.map((transfer) => (
                  <tr key={transfer.id}>
                    <td>
                      <Link to={`/transfers/${transfer.id}`} aria-label={`Transfer ${transfer.id}, initiated ${when(transfer.initiated_at)}`}>
                        {when(transfer.initiated_at)}
                      </Link>
                    </td>
                    <td className="number">{money(transfer.amount, transfer.currency)}</td>
                    <td>
                      <Link to={`/accounts/${transfer.from_account_id}`} aria-label={`Account ${transfer.from_account_id}`}>
                        <code>{transfer.from_account_id.slice(0, 8)}</code>
                      </Link>
                    </td>
                    <td>
                      <Link to={`/accounts/${transfer.to_account_id}`} aria-label={`Account ${transfer.to_account_id}`}>
                        <code>{transfer.to_account_id.slice(0, 8)}</code>
                      </Link>
                    </td>
                    <td>
                      <Badge tone={statusTone(transfer.status)}>{transfer.status}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <Pager page={transfers.data.page} totalPages={transfers.data.total_pages} totalItems={transfers.data.total_items} onPage={setTransfersPage} label="Pages of transfers" />
          </>
        ) : (
          <Loading what="transfers" />
        )}
      </Section>
    </Page>
  );
}
