import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestApp } from '../../openbank/test/test-app.js';

const schemaFile = resolve(import.meta.dirname, '..', 'src', 'api', 'schema.d.ts');
const generator = resolve(import.meta.dirname, '..', 'scripts', 'api-types.mjs');

/**
 * The console's client is typed from the API's OpenAPI document: this fails when the committed
 * types differ from what the current document generates (a route, a field or a type changed).
 * `npm run console:api` writes them again (UPDATE_API_CLIENT=true).
 */
describe("the console's API types", () => {
  it('are what the current OpenAPI document generates', async () => {
    const app = await startTestApp();
    const directory = mkdtempSync(join(tmpdir(), 'openbank-openapi-'));
    try {
      const document = (await app.api.get('/api/docs-json').expect(200)).body;
      writeFileSync(join(directory, 'openapi.json'), JSON.stringify(document));
      const generated = execFileSync(process.execPath, [generator, '--from', join(directory, 'openapi.json'), '--print'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (process.env.UPDATE_API_CLIENT === 'true') writeFileSync(schemaFile, generated);
      const committed = readFileSync(schemaFile, 'utf8');
      if (committed !== generated) {
        throw new Error(
          `apps/openbank-console/src/api/schema.d.ts is not what the API's OpenAPI document generates now: run \`npm run console:api\`, then check the console (npm run typecheck).\n${firstDifference(committed, generated)}`,
        );
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
      await app.close();
    }
  }, 60_000);
});

/** Where the two texts part, with a few lines of each. */
function firstDifference(committed: string, generated: string): string {
  const [before, after] = [committed.split('\n'), generated.split('\n')];
  const line = before.findIndex((text, index) => text !== after[index]);
  const at = line === -1 ? before.length : line;
  return [`first difference at line ${at + 1}:`, ...before.slice(at, at + 3).map((text) => `- ${text}`), ...after.slice(at, at + 3).map((text) => `+ ${text}`)].join('\n');
}
