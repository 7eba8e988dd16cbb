import type request from 'supertest';
import { rememberCreatedIds, sendWithRememberedIds } from '../src/http/api-document.js';
import { clientWith, startTestApp, type TestApp } from './test-app.js';

interface Schema {
  type?: string;
  format?: string;
  example?: unknown;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  example?: unknown;
  schema?: Schema;
}

interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema; examples?: Record<string, { value: unknown }> }> };
}

interface Document {
  info: { description: string };
  tags?: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * The OpenAPI document as a new user meets it in Swagger UI (/api/docs): the tags in the order
 * they need them, every operation described, every path parameter with an example, how to get a
 * token, and examples that work when tried in the order the document tells, sent the way Swagger
 * UI sends them (every property of a body from its example, the parameters from theirs, the ids
 * of what the earlier examples created put in place of the examples' ids).
 */
describe('the OpenAPI document', () => {
  let app: TestApp;
  let document: Document;
  const operations = () => Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));

  beforeAll(async () => {
    app = await startTestApp();
    document = (await app.api.get('/api/docs-json').expect(200)).body as Document;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists its tags in the order a new user needs them, authentication and persons first, operations last', () => {
    const tags = ['authentication', 'persons', 'accounts', 'transactions', 'events', 'operations'];
    expect(document.tags?.map((tag) => tag.name)).toEqual(tags);
    expect(operations().filter(({ operation }) => !operation.tags?.every((tag) => tags.includes(tag))).map(({ operation }) => operation.operationId)).toEqual([]);
  });

  it('describes every operation, and gives every path parameter an example', () => {
    expect(operations().filter(({ operation }) => !operation.summary || !operation.description).map(({ operation }) => operation.operationId)).toEqual([]);
    const withoutExample = operations().flatMap(({ operation }) =>
      (operation.parameters ?? []).filter((parameter) => parameter.in === 'path' && exampleOf(parameter) === undefined).map((parameter) => `${operation.operationId} ${parameter.name}`),
    );
    expect(withoutExample).toEqual([]);
  });

  it('says how to get a token', () => {
    expect(document.info.description).toContain('### Getting a token');
    expect(document.info.description).toContain('POST /api/v1/dev/tokens');
  });

  it('has examples that work when tried in the order it tells', async () => {
    const memory = globalThis as { openbankExampleIds?: Record<string, string>; ui?: unknown };
    delete memory.openbankExampleIds;
    let token: string | undefined;
    // What Swagger UI does on its page: a development token it gets authorizes the later requests.
    memory.ui = { preauthorizeApiKey: (_name: string, value: string) => void (token = value) };
    const find = (method: string, path: string) => {
      const operation = document.paths[path]?.[method];
      if (!operation) throw new Error(`the document has no ${method.toUpperCase()} ${path}`);
      return operation;
    };
    const tryIt = async (method: string, path: string, change: { headers?: Record<string, string>; body?: Record<string, unknown> } = {}) => {
      const operation = find(method, path);
      const parameters = operation.parameters ?? [];
      let url = path.replace(/\{(\w+)\}/g, (_match, name: string) => String(exampleOf(parameters.find((parameter) => parameter.name === name)!)));
      const query = parameters.filter((parameter) => parameter.in === 'query' && exampleOf(parameter) !== undefined);
      if (query.length) url += `?${new URLSearchParams(query.map((parameter): [string, string] => [parameter.name, String(exampleOf(parameter))])).toString()}`;
      const headers = Object.fromEntries(parameters.filter((parameter) => parameter.in === 'header' && exampleOf(parameter) !== undefined).map((parameter) => [parameter.name, String(exampleOf(parameter))]));
      const content = operation.requestBody?.content['application/json'];
      const example = content && (content.examples ? Object.values(content.examples)[0]!.value : sample(content.schema!, document));
      const body = content ? JSON.stringify({ ...(example as object), ...change.body }) : undefined;
      const sent = sendWithRememberedIds({ url: `http://localhost${url}`, method, body });
      const client = clientWith(app.http, token);
      let call: request.Test = client[method as 'get' | 'post' | 'put'](new URL(sent.url).pathname + new URL(sent.url).search);
      for (const [name, value] of Object.entries({ ...headers, ...change.headers })) call = call.set(name, value);
      if (sent.body !== undefined) call = call.set('content-type', 'application/json').send(sent.body as string);
      const response = await call;
      rememberCreatedIds({ ok: response.status < 300, url: sent.url, status: response.status, body: response.body });
      return { status: response.status, body: response.body as Record<string, unknown>, what: `${method.toUpperCase()} ${path}` };
    };
    const succeeds = async (method: string, path: string, change?: { headers?: Record<string, string>; body?: Record<string, unknown> }) => {
      const answer = await tryIt(method, path, change);
      expect({ request: answer.what, status: answer.status < 300 ? 'success' : answer.status, body: answer.status < 300 ? undefined : answer.body }).toEqual({ request: answer.what, status: 'success', body: undefined });
      return answer.body;
    };

    // 1. A teller's token; 2. Alice; 3. her two accounts.
    await succeeds('post', '/api/v1/dev/tokens');
    expect(token).toBeDefined();
    const alice = await succeeds('post', '/api/v1/persons');
    for (const [method, path] of [['get', '/api/v1/persons'], ['get', '/api/v1/persons/{id}'], ['put', '/api/v1/persons/{id}/address'], ['get', '/api/v1/persons/{id}/history']] as const) await succeeds(method, path);
    const first = await succeeds('post', '/api/v1/accounts');
    const second = await succeeds('post', '/api/v1/accounts');
    expect([first.owner_id, second.owner_id]).toEqual([alice.id, alice.id]);
    expect(second.id).not.toBe(first.id);
    for (const [method, path] of [['get', '/api/v1/accounts'], ['get', '/api/v1/accounts/{id}'], ['get', '/api/v1/accounts/by-owner/{ownerId}'], ['get', '/api/v1/persons/{id}/summary'], ['put', '/api/v1/accounts/{id}/overdraft-limit']] as const) {
      await succeeds(method, path);
    }
    // 4. Money moves: into the first account, out of it, from it to the second.
    const deposited = await succeeds('post', '/api/v1/transactions/deposit');
    expect(deposited.account_id).toBe(first.id);
    await succeeds('post', '/api/v1/accounts/{id}/deposit');
    await succeeds('post', '/api/v1/transactions/withdrawal');
    const transfer = await succeeds('post', '/api/v1/transactions/transfer');
    expect([transfer.from_account_id, transfer.to_account_id]).toEqual([first.id, second.id]);
    await succeeds('post', '/api/v1/transactions/interest');
    for (const [method, path] of [
      ['get', '/api/v1/transactions/transfers/{id}'],
      ['get', '/api/v1/transactions/transfers'],
      ['get', '/api/v1/accounts/{id}/transactions'],
      ['get', '/api/v1/transactions'],
      ['get', '/api/v1/transactions/analytics'],
      ['get', '/api/v1/accounts/{id}/history'],
      ['get', '/api/v1/accounts/{id}/balance'],
    ] as const) {
      await succeeds(method, path);
    }
    // 6. The operations, with an admin's token (the same example, another role).
    await succeeds('post', '/api/v1/dev/tokens', { body: { role: 'admin' } });
    for (const [method, path] of [
      ['get', '/health'],
      ['get', '/api/v1/stats'],
      ['get', '/metrics'],
      ['get', '/api/v1/admin/processes'],
      ['get', '/api/v1/admin/subscriptions'],
      ['post', '/api/v1/admin/subscriptions/{name}/rebuild'],
      ['get', '/api/v1/admin/parked-events'],
      ['post', '/api/v1/admin/parked-events/replay'],
      ['get', '/api/v1/admin/streams/idle'],
      ['get', '/api/v1/admin/streams/{stream}'],
      ['get', '/api/v1/admin/stores'],
      ['get', '/api/v1/admin/ledger/verification'],
    ] as const) {
      await succeeds(method, path);
    }
    // A parked event's example names none: the answer says so.
    expect((await tryIt('post', '/api/v1/admin/parked-events/{id}/replay')).status).toBe(404);
    delete memory.ui;
  }, 60_000);
});

/** The value Swagger UI puts in a parameter's field: its example. */
function exampleOf(parameter: Parameter): unknown {
  return parameter.example ?? parameter.schema?.example;
}

/** The body Swagger UI fills in from a schema: every property, from its example, its default, its first value, or a sample of its type. */
function sample(schema: Schema, document: Document): unknown {
  if (schema.$ref) return sample(document.components.schemas[schema.$ref.split('/').at(-1)!]!, document);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => sample(part, document)));
  if (schema.oneOf) return sample(schema.oneOf[0]!, document);
  if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, sample(property, document)]));
  if (schema.type === 'array') return [sample(schema.items ?? {}, document)];
  if (schema.type === 'integer' || schema.type === 'number') return 0;
  if (schema.type === 'boolean') return true;
  if (schema.format === 'uuid') return '3fa85f64-5717-4562-b3fc-2c963f66afa6';
  if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
  if (schema.format === 'date-time') return new Date().toISOString();
  return 'string';
}
