/**
 * The lean floor: a bare Fastify server that appends one event per request to the store and
 * answers. No Nest, no validation, no loading of state: what any command API on this store costs
 * at the least. Started as a process of its own: `tsx bench/peers/lean-floor.ts <connection string>`.
 */
import { randomUUID } from 'node:crypto';
import { KurrentDBClient, jsonEvent } from '@kurrent/kurrentdb-client';
import Fastify from 'fastify';

const client = KurrentDBClient.connectionString`${process.argv[2]}`;
const server = Fastify({ logger: false });

server.post<{ Params: { id: string }; Body: { amount: string } }>('/accounts/:id/deposit', async (request, reply) => {
  const result = await client.appendToStream(`lean-${request.params.id}`, jsonEvent({ type: 'Deposited', data: { id: randomUUID(), amount: request.body.amount } }));
  return reply.code(201).send({ revision: Number(result.nextExpectedRevision) });
});

const address = await server.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening on ${address}\n`);
