import { DeadlineExceededError, NotLeaderError, UnavailableError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { status } from '@grpc/grpc-js';
import { ConcurrencyConflict, EventStoreUnavailable, RevisionConflict, UnexpectedAppendResult } from '@openbank/event-sourcing';
import { domainError } from '@openbank/shared-kernel';
import { MongoBulkWriteError, MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { TemporaryFailure, failureKind, isStoreOutage } from './failures.js';
import { ReadStoreUnavailable } from './read-store-errors.js';

class InsufficientFunds extends domainError('INSUFFICIENT_FUNDS', 'rule-violated') {}

/** An error of the kind node's sockets raise, with its code. */
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });

describe('failureKind: what a failure of a projection, process or sink calls for', () => {
  describe('outages of a store: waited out however long they last', () => {
    it.each([
      ['the event store unavailable', new EventStoreUnavailable(new Error('no answer within 2000 ms'))],
      ['KurrentDB unreachable', new UnavailableError()],
      ['a KurrentDB deadline passed', new DeadlineExceededError()],
      ['a KurrentDB node that is not the leader', Object.assign(Object.create(NotLeaderError.prototype) as Error, { message: 'not leader' })],
      ['a raw gRPC UNAVAILABLE', Object.assign(new Error('14 UNAVAILABLE'), { code: status.UNAVAILABLE, metadata: {} })],
      ['the read store unavailable', new ReadStoreUnavailable(new Error('gone'))],
      ['MongoDB unreachable', new MongoNetworkError('connection 1 to 127.0.0.1:27017 closed')],
      ['no MongoDB server to select', new MongoServerSelectionError('Server selection timed out after 2000 ms', {} as never)],
      ['mongoose with no connection', new Error('Client must be connected before running operations')],
      ['a MongoDB bulk write that could not connect', new MongoBulkWriteError({ message: 'connect ECONNREFUSED 127.0.0.1:27017' } as never, { insertedCount: 0 } as never)],
    ])('%s', (_, error) => {
      expect(failureKind(error)).toBe('outage');
      expect(isStoreOutage(error)).toBe(true);
    });
  });

  describe('temporary failures: a retry can resolve them', () => {
    it.each([
      ['a stream not at the expected revision', new RevisionConflict('account-1', 3n)],
      ['KurrentDB refusing an append at a stale revision', new WrongExpectedVersionError(undefined, { streamName: 'account-1', expected: 3n, current: 4n })],
      ['an append acknowledged at another revision', new UnexpectedAppendResult('account-1', 4n, 5n)],
      ['a command whose aggregate kept changing', new ConcurrencyConflict('BankAccount 1 kept changing; the command was not applied')],
      ['a MongoDB write conflict', new MongoServerError({ code: 112, errmsg: 'WriteConflict error' })],
      ['a MongoDB primary stepping down', new MongoServerError({ code: 189, errmsg: 'PrimarySteppedDown' })],
      ['a MongoDB error labelled transient', new MongoServerError({ code: 251, errmsg: 'NoSuchTransaction', errorLabels: ['TransientTransactionError'] })],
      ['an operation that timed out', AbortSignal.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')).reason as Error],
      ['a connection that timed out', socketError('ETIMEDOUT')],
      ['a connection reset', socketError('ECONNRESET')],
      ['a connection refused', socketError('ECONNREFUSED')],
      ['a subscriber saying so', new TemporaryFailure('the rates service is busy')],
    ])('%s', (_, error) => {
      expect(failureKind(error)).toBe('temporary');
      expect(isStoreOutage(error)).toBe(false);
    });
  });

  describe('permanent failures: parked at their first occurrence', () => {
    it.each([
      ['a bug reading what an event does not hold', new TypeError("Cannot read properties of undefined (reading 'amount')")],
      ['an error of the code', new Error('cannot tally the poison amount')],
      ['a refusal by the domain', new InsufficientFunds('1600.00 EUR is more than the available 1500.00 EUR')],
      ['a sink refusing the event (4xx)', Object.assign(new Error('http://sink/events answered 422'), { name: 'CloudEventRefused' })],
      ['a duplicate on a unique index', new MongoServerError({ code: 11000, errmsg: 'E11000 duplicate key error collection: openbank.account_transactions index: poison' })],
      ['a MongoDB validation failure', new MongoServerError({ code: 121, errmsg: 'Document failed validation' })],
      ['something thrown that is no error', 'nonsense'],
      ['nothing at all', undefined],
    ])('%s', (_, error) => {
      expect(failureKind(error)).toBe('permanent');
    });

    it('a bulk write that failed on a duplicate key', () => {
      const error = new MongoBulkWriteError({ message: 'E11000 duplicate key error', code: 11000, writeErrors: [] }, { insertedCount: 0 } as never);
      expect(failureKind(error)).toBe('permanent');
    });
  });

  describe('wrapped failures count as what they wrap', () => {
    it('an error caused by a lost connection is an outage, one caused by a conflict is temporary', () => {
      expect(failureKind(new Error('projecting failed', { cause: new EventStoreUnavailable(new UnavailableError()) }))).toBe('outage');
      expect(failureKind(new Error('step failed', { cause: new Error('append failed', { cause: new RevisionConflict('transfer-1', 2n) }) }))).toBe('temporary');
    });

    it('an error caused by a bug stays permanent, however deep', () => {
      expect(failureKind(new Error('projecting failed', { cause: new TypeError('x is undefined') }))).toBe('permanent');
    });

    it('a cycle of causes ends', () => {
      const first = new Error('first');
      const second = new Error('second', { cause: first });
      Object.assign(first, { cause: second });
      expect(failureKind(first)).toBe('permanent');
    });
  });
});
