/**
 * The embedded KurrentDB as an older server: without the multi-stream append, so OpenBank moves
 * a transfer step by step through its transfer process. In a process of its own, like the others.
 */
import { startEmbeddedKurrentDB } from '../../packages/embedded-kurrentdb/src/index.js';

const server = await startEmbeddedKurrentDB({ port: 0, host: '127.0.0.1', multiStreamAppend: false });
process.stdout.write(`listening on ${server.connectionString}\n`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
