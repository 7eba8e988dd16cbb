import type { Baselines, Measured } from '../sections/baselines.js';
import type { Row } from './report.js';

const percentOf = (value: number, baseline: number | undefined) => (baseline ? `${((value / baseline) * 100).toFixed(0)} %` : '');
const ratioTo = (value: number, baseline: number | undefined) => (baseline ? `${(value / baseline).toFixed(2)}×` : '');

/** Each way of recording a deposit in one table: its rate as a share of each baseline measured in the same run, and its CPU per operation. */
export function depositComparison(baselines: Baselines | undefined, openbank: Measured[]): Row[] {
  const measured = [...(baselines ? [baselines.rawAppend, baselines.leanFloor, baselines.emmett] : []), ...openbank];
  return measured.map((one) => ({
    'recorded by': one.name,
    '2xx/s': one.okPerSecond,
    'p50 ms': one.p50,
    'p99 ms': one.p99,
    failures: one.failures ? `${one.failures} (${one.failureKinds})` : 0,
    'server CPU ms/op': one.cpuPerOperation.server ?? one.cpuPerOperation.api ?? '–',
    'projector CPU ms/op': one.cpuPerOperation.projector ?? '–',
    'KurrentDB CPU ms/op': one.cpuPerOperation.kurrentdb ?? '–',
    'MongoDB CPU ms/op': one.cpuPerOperation.mongodb ?? '–',
    'all servers CPU ms/op': Object.values(one.cpuPerOperation).reduce((sum, ms) => sum + ms, 0) || '–',
    'vs raw append': one === baselines?.rawAppend ? 'baseline' : percentOf(one.okPerSecond, baselines?.rawAppend.okPerSecond),
    'vs lean floor': one === baselines?.leanFloor ? 'baseline' : percentOf(one.okPerSecond, baselines?.leanFloor.okPerSecond),
    'vs Emmett peer': one === baselines?.emmett ? 'baseline' : ratioTo(one.okPerSecond, baselines?.emmett.okPerSecond),
    'settled after s': one.settledAfterMs === undefined ? '' : one.settledAfterMs / 1000,
  }));
}
