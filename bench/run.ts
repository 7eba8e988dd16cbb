/**
 * OpenBank's benchmarks, end to end on the embedded stores, each server in a process of its own.
 * They print figures (and write them to bench/results/openbank.json); they never pass or fail on
 * time. Speeds are quoted against baselines measured in the same run, since a shared machine's
 * speed changes from one run to the next.
 *
 *   npm run bench                                  the default sections (about 10 minutes on 2 cores)
 *   npm run bench -- --only baselines,deposits     some of them: baselines, deposits, lag, settle, rebuild, scale
 *   npm run bench -- --only http,aggregate,growth  the older sections, not run by default (growth loads 1M events)
 *   npm run bench -- --seconds 5 --connections 50 --rebuild-events 20000 --events 1000000
 */
import { parseArgs } from 'node:util';
import { aggregateLoad } from './sections/aggregate-load.js';
import { measureBaselines, type Baselines, type Measured } from './sections/baselines.js';
import { measureDeposits } from './sections/deposits.js';
import { httpCommands } from './sections/http-commands.js';
import { projectionLag } from './sections/projection-lag.js';
import { rebuildSpeed } from './sections/rebuild.js';
import { scaleOut } from './sections/scale-out.js';
import { settleAfterBursts } from './sections/settle.js';
import { storeGrowth } from './sections/store-growth.js';
import { depositComparison } from './support/comparison.js';
import { machine, printTable, writeResults, type Row } from './support/report.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'baselines,deposits,lag,settle,rebuild,scale' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'rebuild-events': { type: 'string', default: '20000' },
    'rebuild-models': { type: 'string', default: 'bank-account-details,account-transactions' },
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
const started = performance.now();

console.log(`OpenBank benchmarks on ${JSON.stringify(machine())}`);
let baselines: Baselines | undefined;
let deposits: Measured[] = [];
if (sections.has('baselines')) baselines = await measureBaselines(connections, seconds);
if (sections.has('deposits')) deposits = await measureDeposits(connections, seconds);
if (baselines || deposits.length > 0) {
  report(`Deposits against the baselines (autocannon, ${connections} connections, ${seconds} s each; CPU of each server process per 2xx answer)`, 'deposits', depositComparison(baselines, deposits));
}
const plainDeposits = deposits.find((measured) => !measured.name.includes('Idempotency'))?.okPerSecond;
if (sections.has('lag')) report('Projection lag: command answered → visible in bank_accounts', 'projectionLag', await projectionLag(plainDeposits, connections, seconds * 2));
if (sections.has('settle')) report(`Read models settling after a 10 s burst (${connections} connections)`, 'settle', await settleAfterBursts(connections));
if (sections.has('rebuild')) report('Read-model rebuild against the raw client on the same store', 'rebuild', await rebuildSpeed(Number(values['rebuild-events']), values['rebuild-models']!.split(',')));
if (sections.has('scale')) report(`Scale-out (autocannon, ${connections} connections over both APIs, ${seconds} s)`, 'scaleOut', await scaleOut(connections, seconds, plainDeposits));
if (sections.has('http')) {
  const http = await httpCommands(connections, seconds);
  report(`HTTP throughput and latency (autocannon, ${connections} connections, ${seconds} s each)`, 'http', http.rows);
}
if (sections.has('aggregate')) report('Aggregate load time (BankAccount, EventSourcingRepository, cache off)', 'aggregateLoad', await aggregateLoad());
if (sections.has('growth')) {
  const sizes = [10_000, 100_000, 1_000_000].filter((size) => size < largest).concat(largest);
  const growth = await storeGrowth(sizes);
  report('Deposit latency as the store grows (sequential requests through the API)', 'latencyBySize', growth.latency);
  report('Read-model rebuild from $all', 'rebuildAtScale', growth.rebuild);
  report('Memory (resident set size)', 'memory', growth.memory);
}
console.log(`\nwritten to ${writeResults('openbank', results)} after ${((performance.now() - started) / 60_000).toFixed(1)} minutes`);
