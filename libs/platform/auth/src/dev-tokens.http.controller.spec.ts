import type { FastifyRequest } from 'fastify';
import type { AuthOptions } from './auth.options.js';
import { DevTokenIssuer } from './dev-token-issuer.js';
import { DevTokensHttpController } from './dev-tokens.http.controller.js';

const options: AuthOptions = {
  issuer: 'openbank',
  audience: 'openbank-api',
  secret: 'x'.repeat(32),
  rolesClaim: 'roles',
  personClaim: 'person_id',
  devTokens: true,
  devTokensFrom: 'loopback',
};

/** A request as Fastify hands it over: the peer of its TCP connection, and whatever headers the caller chose to send. */
const from = (remoteAddress: string) => ({ raw: { socket: { remoteAddress } }, headers: { 'x-forwarded-for': '127.0.0.1' } }) as unknown as FastifyRequest;

describe('POST /api/v1/dev/tokens', () => {
  const controller = (devTokensFrom: AuthOptions['devTokensFrom']) => new DevTokensHttpController(new DevTokenIssuer({ ...options, devTokensFrom }), { ...options, devTokensFrom });

  it.each(['127.0.0.1', '127.10.0.3', '::1', '::ffff:127.0.0.1'])('answers a caller on this machine (%s)', async (address) => {
    await expect(controller('loopback').issue({ role: 'admin' }, from(address))).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it.each(['192.0.2.2', '::ffff:10.0.0.7', 'fd00::2', '0.0.0.0', ''])('refuses a caller from the network (%s), whatever it forwards', async (address) => {
    await expect(controller('loopback').issue({ role: 'admin' }, from(address))).rejects.toMatchObject({ response: { code: 'ACCESS_DENIED' } });
  });

  it('answers callers from anywhere only when told to (the docker-compose demo)', async () => {
    await expect(controller('anywhere').issue({ role: 'teller' }, from('192.0.2.2'))).resolves.toMatchObject({ token_type: 'Bearer' });
  });
});
