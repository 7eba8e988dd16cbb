/**
 * `npm run test:unit`: the specs that need no server or process (domain, command handlers and
 * projections over the in-memory stores, the in-memory stores' contracts). Seconds, not minutes;
 * `npm test` runs them with everything else.
 */
import base from './jest.config.js';

export default {
  ...base,
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '\\.(integration|e2e|reliability)\\.spec\\.ts$', '<rootDir>/packages/', '<rootDir>/apps/openbank-cli/test/'],
};
