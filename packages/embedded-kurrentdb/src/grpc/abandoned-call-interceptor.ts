import { ServerInterceptingCall, ServerListenerBuilder, type ServerInterceptor } from '@grpc/grpc-js';
import { http2StreamOf } from './http2-stream.js';

/**
 * Keeps a call whose client went away from looking finished. When the connection drops (the
 * client's process killed midway through a request), Node destroys the HTTP/2 stream and ends
 * its input as on a real half-close, and grpc-js passes that end on as a half-close before it
 * reports the cancellation. A handler that acts on the half-close (an append commits what it
 * received) would then commit a request the client never finished: the first streams of a
 * multi-stream append without the others. A half-close on a stream already destroyed is dropped
 * here; the cancellation that follows reaches the handler as usual.
 */
export const ignoreAbandonedHalfClose: ServerInterceptor = (method, call) => {
  if (!method.requestStream) return new ServerInterceptingCall(call);
  return new ServerInterceptingCall(call, {
    start: (next) =>
      next(
        new ServerListenerBuilder()
          .withOnReceiveHalfClose((forward) => {
            const stream = http2StreamOf(call);
            if (stream?.destroyed) return;
            forward();
          })
          .build(),
      ),
  });
};
