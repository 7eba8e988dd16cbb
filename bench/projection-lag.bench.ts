/**
 * Projection lag: the time from a command's answer to the moment its event is visible in the
 * read model, measured by polling MongoDB directly. The application and both embedded stores run
 * in processes of their own; commands are sent one at a time (light load). Prints figures.
 *
 *   npm run build && npm run bench:projection-lag
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { startApplicationProcess } from './support/application.js';
import { startKurrentDBProcess, startMongoProcess } from './support/processes.js';
import { printTable, writeResults } from './support/report.js';
import { summarize } from './support/statistics.js';

const samples = 300;

async function post(base: string, path: string, body: unknown, method = 'POST') {
  const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<{ id: string; revision: number }>;
}

async function main(): Promise<void> {
  const [kurrentdb, mongodb] = await Promise.all([startKurrentDBProcess(), startMongoProcess()]);
  const app = await startApplicationProcess({ kurrentdb: kurrentdb.address, mongodb: mongodb.address });
  const mongo = await MongoClient.connect(mongodb.address);
  try {
    const accounts = mongo.db('openbank').collection<{ _id: string; last_revision: number }>('bank_accounts');
    const person = await post(app.address, '/api/v1/persons', { first_name: 'Lag', last_name: 'Probe', date_of_birth: '1980-01-01', nationality: 'BE', gender: 'OTHER' });
    const account = await post(app.address, '/api/v1/accounts', { owner_id: person.id });

    const lags: number[] = [];
    for (let index = 0; index < samples; index++) {
      const changed = await post(app.address, `/api/v1/accounts/${account.id}/overdraft-limit`, { overdraft_limit: String(index + 1) }, 'PUT');
      const answered = performance.now();
      while (!(await accounts.findOne({ _id: account.id, last_revision: { $gte: changed.revision } }, { projection: { _id: 1 } }))) await sleep(0.2);
      lags.push(performance.now() - answered);
    }
    const summary = summarize(lags);
    const rows = [{ load: 'one command at a time', 'p50 ms': summary.p50, 'p99 ms': summary.p99, 'max ms': summary.max, samples: summary.samples }];
    printTable('Projection lag: command answered → visible in bank_accounts', rows);
    console.log(`\nwritten to ${writeResults('projection-lag', rows)}`);
  } finally {
    await mongo.close();
    await app.stop();
    await Promise.all([kurrentdb.stop(), mongodb.stop()]);
  }
}

await main();
