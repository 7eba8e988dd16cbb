/**
 * OpenBank's benchmarks, end to end on the embedded stores, each server in a process of its own.
 * They print figures (and write them to bench/results/openbank.json); they never pass or fail on
 * time. Speeds are quoted against baselines measured in the same run, since a shared machine's
 * speed changes from one run to the next.
 *
 *   npm run bench                                  the default sections (about 5 minutes after the build, on 2 cores)
 *   npm run bench -- --only baselines,deposits     some of them: baselines, deposits, lag, settle, rebuild, scale
 *   npm run bench -- --only http,aggregate,growth  the older sections, not run by default (growth loads 1M events)
 *   npm run bench -- --seconds 5 --connections 50 --rebuild-events 20000 --events 1000000
 *   BENCH_CPU_PROFILES=/tmp/profiles npm run bench -- --only rebuild   CPU profiles of the server processes, stores included (open them in Chrome's DevTools)
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
/** A section that fails is reported and skipped: the others' figures are still worth having. */
async function measured<T>(section: string, measure: () => Promise<T>): Promise<T | undefined> {
  try {
    return await measure();
  } catch (error) {
    console.error(`\n${section}: failed, skipped: ${(error as Error).stack ?? String(error)}`);
    return undefined;
  }
}
const started = performance.now();

console.log(`OpenBank benchmarks on ${JSON.stringify(machine())}`);
let baselines: Baselines | undefined;
let deposits: Measured[] = [];
if (sections.has('baselines')) baselines = await measured('baselines', () => measureBaselines(connections, seconds));
if (sections.has('deposits')) deposits = (await measured('deposits', () => measureDeposits(connections, seconds))) ?? [];
if (baselines || deposits.length > 0) {
  report(`Deposits against the baselines (autocannon, ${connections} connections, ${seconds} s each; CPU of each server process per 2xx answer)`, 'deposits', depositComparison(baselines, deposits));
}
const plainDeposits = deposits.find((one) => !one.name.includes('Idempotency'))?.okPerSecond;
if (sections.has('lag')) {
  const rows = await measured('lag', () => projectionLag(plainDeposits, connections, seconds * 2));
  if (rows) report('Projection lag: command answered → visible in bank_accounts', 'projectionLag', rows);
}
if (sections.has('settle')) {
  const rows = await measured('settle', () => settleAfterBursts(connections));
  if (rows) report(`Read models settling after a 10 s burst (${connections} connections)`, 'settle', rows);
}
if (sections.has('rebuild')) {
  const rows = await measured('rebuild', () => rebuildSpeed(Number(values['rebuild-events']), values['rebuild-models']!.split(',')));
  if (rows) report('Read-model rebuild against the raw client on the same store', 'rebuild', rows);
}
if (sections.has('scale')) {
  const rows = await measured('scale', () => scaleOut(connections, seconds, plainDeposits));
  if (rows) report(`Scale-out (autocannon, ${connections} connections over both APIs, ${seconds} s)`, 'scaleOut', rows);
}
if (sections.has('http')) {
  const http = await measured('http', () => httpCommands(connections, seconds));
  if (http) report(`HTTP throughput and latency (autocannon, ${connections} connections, ${seconds} s each)`, 'http', http.rows);
}
if (sections.has('aggregate')) {
  const rows = await measured('aggregate', () => aggregateLoad());
  if (rows) report('Aggregate load time (BankAccount, EventSourcingRepository, cache off)', 'aggregateLoad', rows);
}
if (sections.has('growth')) {
  const sizes = [10_000, 100_000, 1_000_000].filter((size) => size < largest).concat(largest);
  const growth = await measured('growth', () => storeGrowth(sizes));
  if (growth) {
    report('Deposit latency as the store grows (sequential requests through the API)', 'latencyBySize', growth.latency);
    report('Read-model rebuild from $all', 'rebuildAtScale', growth.rebuild);
    report('Memory (resident set size)', 'memory', growth.memory);
  }
}
console.log(`\nwritten to ${writeResults('openbank', results)} after ${((performance.now() - started) / 60_000).toFixed(1)} minutes`);
