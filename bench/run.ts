/**
 * OpenBank's benchmarks, end to end on the embedded stores. They print figures (and write them to
 * bench/results/openbank.json); they never pass or fail on time.
 *
 *   npm run bench                              everything (about 100 minutes on 2 cores, most of it the 1M-event store)
 *   npm run bench -- --only http,lag           some sections: http, lag, aggregate, growth
 *   npm run bench -- --seconds 5 --events 100000
 */
import { parseArgs } from 'node:util';
import { aggregateLoad } from './sections/aggregate-load.js';
import { httpCommands } from './sections/http-commands.js';
import { projectionLag } from './sections/projection-lag.js';
import { storeGrowth } from './sections/store-growth.js';
import { machine, printTable, writeResults, type Row } from './support/report.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'http,lag,aggregate,growth' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    events: { type: 'string', default: '1000000' },
  },
});
const sections = new Set(values.only!.split(','));
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const largest = Number(values.events);

const results: Record<string, Row[]> = {};
const report = (title: string, key: string, rows: Row[]) => {
  results[key] = rows;
  printTable(title, rows);
};

console.log(`OpenBank benchmarks on ${JSON.stringify(machine())}`);
let depositsPerSecond = 0;
if (sections.has('http') || sections.has('lag')) {
  const http = await httpCommands(connections, seconds);
  depositsPerSecond = http.depositsPerSecond;
  if (sections.has('http')) report(`HTTP throughput and latency (autocannon, ${connections} connections, ${seconds} s each)`, 'http', http.rows);
}
if (sections.has('lag')) report('Projection lag: command answered → visible in bank_accounts', 'projectionLag', await projectionLag(depositsPerSecond, connections, seconds));
if (sections.has('aggregate')) report('Aggregate load time (BankAccount, EventSourcingRepository, cache off)', 'aggregateLoad', await aggregateLoad());
if (sections.has('growth')) {
  const sizes = [10_000, 100_000, 1_000_000].filter((size) => size < largest).concat(largest);
  const growth = await storeGrowth(sizes);
  report('Deposit latency as the store grows (sequential requests through the API)', 'latencyBySize', growth.latency);
  report('Read-model rebuild from $all', 'rebuild', growth.rebuild);
  report('Memory (resident set size)', 'memory', growth.memory);
}
console.log(`\nwritten to ${writeResults('openbank', results)}`);
