import { signDevToken } from '@openbank/auth';
import { buildApplication, eventually, startApplicationProcess, startTestStores, type StartedProcess, type TestStores } from '@openbank/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { alice } from './http-helpers.js';

interface ExportedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
}

const secret = 'tracing-spec-secret-of-at-least-thirty-two-chars';
const tellerToken = async () =>
  (await signDevToken({ issuer: 'openbank', audience: 'openbank-api', secret, rolesClaim: 'roles', personClaim: 'person_id' }, { role: 'teller' })).accessToken;

/**
 * Tracing on, as an operator turns it on: the built application in its own process (the
 * instrumentations patch modules as they load, which a process started for the purpose allows),
 * exporting OTLP over HTTP/JSON to a collector played here by a plain HTTP server.
 */
describe('OpenTelemetry tracing', () => {
  let stores: TestStores;
  let app: StartedProcess;
  let collector: Server;
  const spans: ExportedSpan[] = [];

  beforeAll(async () => {
    collector = createServer((incoming, answer) => {
      let body = '';
      incoming.on('data', (chunk) => (body += chunk)).on('end', () => {
        for (const resource of JSON.parse(body).resourceSpans ?? []) for (const scope of resource.scopeSpans ?? []) spans.push(...scope.spans);
        answer.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((listening) => collector.listen(0, '127.0.0.1', listening));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    await buildApplication();
    stores = await startTestStores();
    app = await startApplicationProcess(stores, {
      MONGODB_DATABASE: stores.mongoDatabase,
      AUTH_JWT_SECRET: secret,
      TRACING_ENABLED: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await stores?.stop();
    await new Promise((closed) => collector?.close(closed));
  });

  it('follows a request through its command, the append to KurrentDB, and the projections writing MongoDB, in one trace', async () => {
    const registered = await request(app.address).post('/api/v1/persons').set('authorization', `Bearer ${await tellerToken()}`).send(alice).expect(201);

    const trace = await eventually(() => {
      const server = spans.find((span) => span.name === 'POST /api/v1/persons');
      expect(server).toBeDefined();
      const inTrace = spans.filter((span) => span.traceId === server!.traceId);
      expect(inTrace.map((span) => span.name)).toEqual(expect.arrayContaining(['update persons']));
      return { server: server!, inTrace };
    });
    const named = (name: string) => trace.inTrace.filter((span) => span.name === name);
    const parentOf = (span: ExportedSpan) => trace.inTrace.find((candidate) => candidate.spanId === span.parentSpanId);

    const [command] = named('command RegisterPersonCommand');
    expect(parentOf(command)).toBe(trace.server);
    const [append] = named('streams.append');
    expect(parentOf(append)).toBe(command);
    // Each subscription handles the event in a span continuing the request's trace; the persons projection writes its document under one.
    const [write] = named('update persons');
    expect(parentOf(write)?.name).toBe('process PersonRegisteredDomainEventV1');
    expect(named('process PersonRegisteredDomainEventV1').length).toBeGreaterThanOrEqual(2);
    expect(registered.body.id).toEqual(expect.any(String));
  });

  it('leaves out the probes', async () => {
    await request(app.address).get('/health').expect(200);
    await request(app.address).get('/api/v1/persons').set('authorization', `Bearer ${await tellerToken()}`).expect(200);
    await eventually(() => expect(spans.some((span) => span.name === 'GET /api/v1/persons')).toBe(true));
    expect(spans.filter((span) => span.name.includes('/health'))).toEqual([]);
  });
});
