import type { ServerWritableStream } from '@grpc/grpc-js';
import { shared, streams, timestamp, type Streams, type Timestamp } from '../grpc/protocol.js';

/** A `Streams.Read` call: responses are messages or bytes pre-encoded by `ReadEventEncoder`. */
export type ReadCall = ServerWritableStream<Streams.ReadReq, Streams.ReadResp | Buffer>;

/**
 * Resolves true once the call can take more messages, false if the client went away first.
 * Every producer waits on this when `write` returns false, so a slow reader holds back the
 * server instead of piling responses up in memory.
 */
export function waitForDrain(call: ReadCall): Promise<boolean> {
  if (call.cancelled || call.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const finish = (writable: boolean) => {
      call.off('drain', onDrain);
      call.off('cancelled', onGone);
      call.off('close', onGone);
      call.off('error', onGone);
      resolve(writable);
    };
    const onDrain = () => finish(true);
    const onGone = () => finish(false);
    call.on('drain', onDrain);
    call.on('cancelled', onGone);
    call.on('close', onGone);
    call.on('error', onGone);
  });
}

export function isGone(call: ReadCall): boolean {
  return call.cancelled || call.destroyed || call.writableEnded;
}

function now(): Timestamp.Timestamp {
  return timestamp.Timestamp.fromDate(new Date());
}

export function confirmation(subscriptionId: string): Streams.ReadResp {
  const response = new streams.ReadResp();
  response.setConfirmation(new streams.ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));
  return response;
}

export function streamNotFound(streamName: Uint8Array): Streams.ReadResp {
  const notFound = new streams.ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(new shared.StreamIdentifier().setStreamName(streamName));
  return new streams.ReadResp().setStreamNotFound(notFound);
}

export function checkpoint(position: number): Streams.ReadResp {
  const value = String(position);
  const message = new streams.ReadResp.Checkpoint().setCommitPosition(value).setPreparePosition(value).setTimestamp(now());
  return new streams.ReadResp().setCheckpoint(message);
}

/** `revision` for stream subscriptions, `position` for `$all`; either is left out while nothing was seen. */
export function caughtUp(at: { revision?: number; position?: number }): Streams.ReadResp {
  const message = new streams.ReadResp.CaughtUp().setTimestamp(now());
  if (at.revision !== undefined && at.revision >= 0) message.setStreamRevision(String(at.revision));
  if (at.position !== undefined) {
    const value = String(at.position);
    message.setPosition(new streams.ReadResp.Position().setCommitPosition(value).setPreparePosition(value));
  }
  return new streams.ReadResp().setCaughtUp(message);
}
