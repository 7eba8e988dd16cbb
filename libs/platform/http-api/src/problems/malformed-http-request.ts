import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem, problemContentType } from './problem-details.js';

/** What Node's HTTP parser reports, by the answer it deserves. */
function answerFor(code: string | undefined): { status: number; code: string; detail: string } {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, code: 'REQUEST_TIMEOUT', detail: 'the request did not arrive in time' };
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: 'REQUEST_HEADERS_TOO_LARGE', detail: 'the request headers are too large' };
  return { status: 400, code: 'MALFORMED_HTTP_REQUEST', detail: 'the request is not valid HTTP/1.1 (request line, headers or body framing)' };
}

/**
 * Requests that Node's HTTP parser refuses never reach a route, a filter or Fastify's error
 * handler: they are answered here, on the socket itself, with the same problem+json every other
 * refusal gets. The connection is closed afterwards, since nothing that follows on it can be
 * trusted to start a request.
 */
export function answerMalformedHttpRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const answer = answerFor(error.code);
    const body = JSON.stringify(problem(answer.status, answer.code, answer.detail));
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\nconnection: close\r\ncontent-type: ${problemContentType}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
