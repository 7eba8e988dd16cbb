import { MongoBulkWriteError, MongoNetworkError, MongoServerError } from 'mongodb';
import { isReadStoreOutage } from './read-store-errors.js';

/** A bulk write's error as the driver builds it from the error that ended the batch. */
const bulkWriteErrorFrom = (cause: Error) => new MongoBulkWriteError(cause as MongoServerError, {} as never);

describe('isReadStoreOutage', () => {
  it('takes a network error for an outage, whatever its message', () => {
    expect(isReadStoreOutage(new MongoNetworkError('This socket has been ended by the other party'))).toBe(true);
  });

  it('takes a bulk write ended by a network error for an outage: it keeps the message and fields, not the name', () => {
    expect(isReadStoreOutage(bulkWriteErrorFrom(new MongoNetworkError('This socket has been ended by the other party')))).toBe(true);
    expect(isReadStoreOutage(bulkWriteErrorFrom(new MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017')))).toBe(true);
  });

  it('does not take a refused write for an outage', () => {
    expect(isReadStoreOutage(new MongoServerError({ message: 'E11000 duplicate key error', code: 11000 }))).toBe(false);
    expect(isReadStoreOutage(bulkWriteErrorFrom(new MongoServerError({ message: 'E11000 duplicate key error', code: 11000 })))).toBe(false);
  });
});
