import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot, startListeningProcess, type StartedProcess } from './processes.js';

const entry = join(repositoryRoot, 'dist', 'apps', 'openbank', 'src', 'main.js');

/** The built application (`nest build`) in its own process, on the given stores. */
export async function startApplicationProcess(stores: { kurrentdb: string; mongodb: string }, env: NodeJS.ProcessEnv = {}): Promise<StartedProcess> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const started = await startListeningProcess([entry], {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ACCESS_LOG: 'false',
    KURRENTDB_CONNECTION_STRING: stores.kurrentdb,
    MONGODB_URI: stores.mongodb,
    ...env,
  });
  // The application logs JSON: the address ends where the message does.
  return { ...started, address: started.address.replace(/["\\].*$/, '').replace('://0.0.0.0', '://127.0.0.1') };
}
