import type { Account, HistoryEntry } from '../api/client';
import { eventTypeName, money, when } from '../format';
import { DataTable } from './ui';

/**
 * Every event of the account's stream, oldest first, with the balance after each: what the event
 * store holds, replayed by the API (the transactions table is a read model built from it).
 */
export function Timeline({ account, entries }: { account: Account; entries: readonly HistoryEntry[] }) {
  return (
    <DataTable label="Event timeline" caption="Every event of the account’s stream, oldest first" columns={[{ label: 'Revision', number: true }, 'Event', 'When', 'Who', 'What', { label: 'Amount', number: true }, { label: 'Balance after', number: true }]} testId="timeline">
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.revision}>
            <td className="number">{entry.revision}</td>
            <td>
              <span title={entry.event_type}>{eventTypeName(entry.event_type)}</span>
            </td>
            <td>
              <time dateTime={entry.occurred_at}>{when(entry.occurred_at)}</time>
            </td>
            <td className="principal">{entry.principal_id}</td>
            <td>{entry.description}</td>
            <td className={`number ${entry.transaction?.direction === 'IN' ? 'credit' : entry.transaction ? 'debit' : ''}`}>
              {entry.transaction ? `${entry.transaction.direction === 'IN' ? '+' : '−'}${money(entry.transaction.amount, entry.currency)}` : ''}
            </td>
            <td className="number">{money(entry.balance_after, entry.currency ?? account.currency)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
