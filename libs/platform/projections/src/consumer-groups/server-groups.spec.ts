import { START } from '@kurrent/kurrentdb-client';
import { resumePosition } from './server-groups.js';

const group = { serverName: 'openbank-transfer-process-0a1b2c3d', lineage: 'openbank-transfer-process' };
const at = (commit: number) => ({ commit: BigInt(commit), prepare: BigInt(commit) });
const existing = (groupName: string, checkpoint?: number) => ({ groupName, stats: { lastCheckpointedEventPosition: checkpoint === undefined ? undefined : at(checkpoint) } }) as never;

describe('where a new consumer group starts', () => {
  it('starts at the start of $all when its subscriber had no group before', () => {
    expect(resumePosition(group, [existing('openbank-projections', 500), existing('openbank-transfer-process-archive', 400)])).toBe(START);
  });

  it("starts at the oldest checkpoint of the subscriber's earlier groups, unfiltered or under other types", () => {
    const earlier = [existing('openbank-transfer-process', 700), existing('openbank-transfer-process-99999999', 300), existing('openbank-projections', 100)];
    expect(resumePosition(group, earlier)).toEqual(at(300));
  });

  it('starts at the start of $all when an earlier group never wrote a checkpoint', () => {
    expect(resumePosition(group, [existing('openbank-transfer-process', 700), existing('openbank-transfer-process-99999999')])).toBe(START);
  });

  it('takes no account of the group itself', () => {
    expect(resumePosition(group, [existing(group.serverName, 900)])).toBe(START);
  });
});
