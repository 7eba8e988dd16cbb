import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, call, type Account } from '../api/client';
import { money, when } from '../format';
import { useRefreshInterval } from '../queries';
import { DataTable, Loading, Pager, ProblemAlert } from './ui';

const types = ['DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'INTEREST'] as const;
type TransactionType = (typeof types)[number];
const typeNames: Record<TransactionType, string> = { DEPOSIT: 'Deposit', WITHDRAWAL: 'Withdrawal', TRANSFER: 'Transfer', INTEREST: 'Interest' };

interface Filters {
  type: TransactionType | '';
  from: string;
  to: string;
}

const pageSize = 10;

/** The first instant of a local day, or of the day after (`to` includes the whole day it names). */
const startOf = (day: string, plusDays = 0) => {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
};

/** An account's transactions, newest first, filtered by type and period, a page at a time. */
export function TransactionsTable({ account }: { account: Account }) {
  const ids = useId();
  const [draft, setDraft] = useState<Filters>({ type: '', from: '', to: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [page, setPage] = useState(1);
  const refetchInterval = useRefreshInterval();
  const transactions = useQuery({
    queryKey: ['account', account.id, 'transactions', filters, page],
    placeholderData: (previous) => previous,
    refetchInterval,
    queryFn: () =>
      call(
        api.GET('/api/v1/accounts/{id}/transactions', {
          params: {
            path: { id: account.id },
            query: {
              page,
              page_size: pageSize,
              ...(filters.type ? { type: filters.type } : {}),
              ...(filters.from ? { from: startOf(filters.from) } : {}),
              ...(filters.to ? { to: startOf(filters.to, 1) } : {}),
            } as never,
          },
        }),
      ),
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setPage(1);
  };
  const clear = () => {
    const none: Filters = { type: '', from: '', to: '' };
    setDraft(none);
    setFilters(none);
    setPage(1);
  };
  const data = transactions.data;
  return (
    <div className="stack">
      <form className="filters" onSubmit={apply} aria-label="Filter the transactions">
        <div className="field">
          <label htmlFor={`${ids}-type`}>Type</label>
          <select id={`${ids}-type`} value={draft.type} onChange={(event) => setDraft({ ...draft, type: event.target.value as Filters['type'] })}>
            <option value="">Every type</option>
            {types.map((type) => (
              <option key={type} value={type}>
                {typeNames[type]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-from`}>From</label>
          <input id={`${ids}-from`} type="date" value={draft.from} onChange={(event) => setDraft({ ...draft, from: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-to`}>To (included)</label>
          <input id={`${ids}-to`} type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.target.value })} />
        </div>
        <div className="filter-buttons">
          <button type="submit">Apply</button>
          <button type="button" className="button-quiet" onClick={clear}>
            Clear
          </button>
        </div>
      </form>
      <ProblemAlert error={transactions.error} />
      {transactions.isLoading ? <Loading what="the transactions" /> : null}
      {data ? (
        <>
          <DataTable label="Transactions" caption="Transactions of this account, newest first" columns={['When', 'Type', { label: 'Amount', number: true }, 'Description', { label: 'Balance after', number: true }]} testId="transactions">
            <tbody>
              {data.items.length === 0 ? (
                <tr>
                  <td colSpan={5}>No transaction{filters.type || filters.from || filters.to ? ' matches these filters' : ' yet'}.</td>
                </tr>
              ) : null}
              {data.items.map((transaction) => (
                <tr key={transaction.transaction_id}>
                  <td>{when(transaction.occurred_at)}</td>
                  <td>
                    {transaction.transfer_id ? <Link to={`/transfers/${transaction.transfer_id}`}>{typeNames[transaction.type]}</Link> : typeNames[transaction.type]}
                    {transaction.direction === 'IN' ? ' in' : ' out'}
                  </td>
                  <td className={`number ${transaction.direction === 'IN' ? 'credit' : 'debit'}`}>
                    {transaction.direction === 'IN' ? '+' : '−'}
                    {money(transaction.amount, transaction.currency)}
                  </td>
                  <td>{transaction.description}</td>
                  <td className="number">{money(transaction.balance_after, transaction.currency)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <Pager page={data.page} totalPages={data.total_pages} totalItems={data.total_items} onPage={setPage} label="Pages of transactions" />
        </>
      ) : null}
    </div>
  );
}
