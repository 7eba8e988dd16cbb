/**
 * Prints a development token, signed like POST /api/v1/dev/tokens would sign it:
 *
 *   npm run token -- --role teller
 *   npm run token -- --role customer --person <person id>
 *
 * It uses AUTH_JWT_SECRET when set, otherwise the development secret the embedded mode keeps
 * under DATA_DIR, so its tokens work against `npm start`. Refused in production.
 */
import { parseArgs } from 'node:util';
import { roles, signDevToken, type Role } from '@openbank/auth';
import { devSecret } from '../config/auth-settings.js';
import { validateEnvironment } from '@openbank/bank';

const { values } = parseArgs({
  options: { role: { type: 'string', default: 'teller' }, person: { type: 'string' }, subject: { type: 'string' }, ttl: { type: 'string', default: '3600' } },
});
const environment = validateEnvironment(process.env);
if (environment.NODE_ENV === 'production') throw new Error('development tokens are refused in production');
if (!(roles as readonly string[]).includes(values.role!)) throw new Error(`--role must be one of ${roles.join(', ')}`);
if (values.role === 'customer' && !values.person) throw new Error('a customer token needs --person <person id>');

const { accessToken } = await signDevToken(
  {
    issuer: environment.AUTH_ISSUER,
    audience: environment.AUTH_AUDIENCE,
    secret: environment.AUTH_JWT_SECRET ?? devSecret(environment.DATA_DIR),
    rolesClaim: environment.AUTH_ROLES_CLAIM,
    personClaim: environment.AUTH_PERSON_CLAIM,
  },
  { role: values.role as Role, personId: values.person, subject: values.subject, ttlSeconds: Number(values.ttl) },
);
process.stdout.write(`${accessToken}\n`);
