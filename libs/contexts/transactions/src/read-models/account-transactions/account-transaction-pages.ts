import { pageOf, type Page, type PageQuery } from '@openbank/http-api';
import { trusted, type Model, type QueryFilter, type SortOrder } from 'mongoose';
import type { AccountTransactionEntry } from './account-transaction.schema.js';
import type { TransactionFilter } from './list-account-transactions.query.js';

/**
 * A page of transactions, newest first, each filter served by an index of the schema: one
 * account's (in the order of its revisions), or every account's (ties settled by id, so pages
 * never overlap).
 */
export async function transactionsPage(
  entries: Model<AccountTransactionEntry>,
  filter: TransactionFilter & { readonly accountId?: string },
  page: PageQuery,
): Promise<Page<AccountTransactionEntry>> {
  const occurred = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  const query: QueryFilter<AccountTransactionEntry> = {
    ...(filter.accountId ? { account_id: filter.accountId } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.from || filter.to ? { occurred_at: trusted(occurred) } : {}),
  };
  const order: Record<string, SortOrder> = filter.accountId ? { occurred_at: -1, account_revision: -1 } : { occurred_at: -1, _id: -1 };
  const [items, total] = await Promise.all([
    entries.find(query).sort(order).skip(page.skip).limit(page.page_size).lean().exec(),
    // Every transaction: the collection's own count, without reading it.
    Object.keys(query).length === 0 ? entries.estimatedDocumentCount().exec() : entries.countDocuments(query).exec(),
  ]);
  return pageOf(items, page, total);
}
