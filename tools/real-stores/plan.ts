import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SpecRun {
  readonly file: string;
  /** The spec moves transfers step by step: it needs a node that cannot append to several streams at once. */
  readonly withoutMultiStreamAppend: boolean;
  /** Why the spec cannot run against a server in a container, when it cannot. */
  readonly skip?: string;
}

/**
 * Specs that stop and start the store servers themselves (an outage, a restart on the same data
 * directory) or run one of their own: they are about the embedded servers' processes, which a
 * container engine does not let a spec kill and bring back on the same port.
 */
const needsItsOwnServers: Record<string, string> = {
  'durability.e2e.spec.ts': 'restarts the embedded servers on their data directories',
  'store-outage.e2e.spec.ts': 'stops and restarts the store servers mid-request',
  'shared-rate-limits.e2e.spec.ts': 'stops and restarts MongoDB under two instances',
};

/** The application's end-to-end specs, each with the node it needs. */
export function endToEndPlan(root: string): SpecRun[] {
  const directory = join(root, 'apps/openbank/test');
  return readdirSync(directory)
    .filter((file) => file.endsWith('.e2e.spec.ts'))
    .sort()
    .map((file) => ({
      file: `apps/openbank/test/${file}`,
      withoutMultiStreamAppend: readFileSync(join(directory, file), 'utf8').includes('multiStreamAppend: false'),
      ...(needsItsOwnServers[file] ? { skip: needsItsOwnServers[file] } : {}),
    }));
}
