import type { ServerHttp2Stream } from 'node:http2';

/**
 * The HTTP/2 stream of a server call. grpc-js keeps it in a private field of its base call, which
 * interceptors wrap (each holding the next in `nextCall`); with another grpc-js layout this finds
 * nothing, and the callers fall back to plain grpc-js behaviour.
 */
export function http2StreamOf(call: object): ServerHttp2Stream | undefined {
  let current = call as { stream?: ServerHttp2Stream; nextCall?: object } | undefined;
  while (current && !current.stream) current = current.nextCall as typeof current;
  return current?.stream;
}
