import { InjectModel } from '@nestjs/mongoose';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { pageOf, type Page } from '@openbank/http-api';
import { trusted, type Model, type QueryFilter } from 'mongoose';
import { BankAccountDetails } from '../bank-account-details/bank-account-details.schema.js';
import { ListTransfersQuery } from './list-transfers.query.js';
import { TransferDetails } from './transfer-details.schema.js';

@QueryHandler(ListTransfersQuery)
export class ListTransfersHandler implements IQueryHandler<ListTransfersQuery, Page<TransferDetails>> {
  constructor(
    @InjectModel(TransferDetails.name) private readonly transfers: Model<TransferDetails>,
    @InjectModel(BankAccountDetails.name) private readonly accounts: Model<BankAccountDetails>,
  ) {}

  async execute({ page, filter, customer }: ListTransfersQuery): Promise<Page<TransferDetails>> {
    // An account named is one the caller may see (the access guard checked a customer owns it);
    // a customer who names none sees the transfers of every account of theirs.
    const accounts = filter.accountId ? [filter.accountId] : customer ? await this.accountsOf(customer.personId) : undefined;
    if (accounts?.length === 0) return pageOf([], page, 0);
    const either = accounts && (accounts.length === 1 ? accounts[0] : trusted({ $in: accounts }));
    const initiated = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    const query: QueryFilter<TransferDetails> = {
      // Each side has an index of its own (account, then newest first): the server scans both and merges them in order.
      ...(either ? { $or: [{ from_account_id: either }, { to_account_id: either }] } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.from || filter.to ? { initiated_at: trusted(initiated) } : {}),
    };
    const [items, total] = await Promise.all([
      this.transfers.find(query).sort({ initiated_at: -1, _id: -1 }).skip(page.skip).limit(page.page_size).lean().exec(),
      // Every transfer: the collection's own count, without reading it.
      Object.keys(query).length === 0 ? this.transfers.estimatedDocumentCount().exec() : this.transfers.countDocuments(query).exec(),
    ]);
    return pageOf(items, page, total);
  }

  /** The accounts a person owns, open or closed (their transfers stay theirs). */
  private async accountsOf(personId: string | undefined): Promise<string[]> {
    if (!personId) return [];
    const owned = await this.accounts.find({ owner_id: personId }, { _id: 1 }).lean().exec();
    return owned.map(({ _id }) => _id);
  }
}
