import { startTestStores } from '@openbank/testing';
import { startTestApp, type TestApp } from './test-app.js';

export interface TwoInstances {
  readonly first: TestApp;
  /** A second API instance on the same stores, as a scaled-out deployment runs it. */
  readonly second: TestApp;
}

/** Two API instances with these settings on the same (fresh) stores, for the specs of the describe block that calls it. */
export function twoInstances(settings: Parameters<typeof startTestApp>[0]): TwoInstances {
  const instances = {} as { first: TestApp; second: TestApp };
  beforeAll(async () => {
    const stores = await startTestStores();
    instances.first = await startTestApp(settings, stores);
    instances.second = await startTestApp(settings, stores);
  });
  afterAll(async () => {
    await instances.second?.stopApp();
    await instances.first?.close();
  });
  return instances;
}
