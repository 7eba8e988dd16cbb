import { InjectModel } from '@nestjs/mongoose';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Model } from 'mongoose';
import { TransferNotFound } from '../../domain/transfer.errors.js';
import { GetTransferQuery } from './get-transfer.query.js';
import { TransferDetails } from './transfer-details.schema.js';

@QueryHandler(GetTransferQuery)
export class GetTransferHandler implements IQueryHandler<GetTransferQuery, TransferDetails> {
  constructor(@InjectModel(TransferDetails.name) private readonly transfers: Model<TransferDetails>) {}

  async execute({ transferId }: GetTransferQuery): Promise<TransferDetails> {
    const transfer = await this.transfers.findById(transferId).lean().exec();
    if (!transfer) throw new TransferNotFound(`transfer ${transferId} does not exist`, { transferId });
    return transfer;
  }
}
