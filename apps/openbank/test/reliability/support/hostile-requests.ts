import fc from 'fast-check';

/** The parts of an OpenAPI 3 document the generator reads. */
interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Record<string, Schema>;
  readonly items?: Schema;
  readonly allOf?: readonly Schema[];
}

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly schema?: Schema;
}

interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { content: Record<string, { schema: Schema }> };
  readonly responses?: Record<string, { content?: Record<string, unknown> }>;
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components?: { schemas?: Record<string, Schema> };
}

export interface Route {
  readonly method: string;
  readonly template: string;
  readonly operation: Operation;
}

export interface HostileRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
  readonly body?: string;
}

/** Ids of resources that exist, so that some requests get past "not found" to the validation behind it. */
export interface KnownIds {
  readonly uuids: readonly string[];
  readonly subscriptions: readonly string[];
}

const operatorPayloads: readonly object[] = [
  { $ne: null },
  { $gt: '' },
  { $where: 'sleep(1000) || true' },
  { $regex: '.*' },
  { $in: ['a', 'b'] },
  { $exists: true },
  { $expr: { $eq: [1, 1] } },
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];

const awkwardStrings = [
  '', ' ', '0', '-1', '-0.01', '0.001', '1.005', '1e309', '1e-7', 'NaN', 'Infinity', 'null', 'true', '[]', '{}',
  '{"$ne":null}', "' OR 1=1 --", '../../etc/passwd', '%00', '\u0000', '\uD800', '😀', 'a'.repeat(10_000),
  '00000000-0000-0000-0000-000000000000', '2026-02-30', '0000-01-01', '9999-12-31', '99999999999999999999999.99',
];

const awkwardString = fc.oneof(fc.constantFrom(...awkwardStrings), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.uuid());

const awkwardNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, -1, 0.001, 1e21, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_VALUE, 5e-324),
);

/** Any JSON value, skewed toward what breaks servers: operators, wrong types, deep or long values. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { weight: 4, arbitrary: awkwardString },
    { weight: 2, arbitrary: awkwardNumber },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constantFrom(...operatorPayloads) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('$where', '$set', '__proto__')), tie('value'), { maxKeys: 3 }) },
  ),
})).value;

export function routesOf(document: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      // An endless event stream has no answer to check.
      const streams = Object.values(operation.responses ?? {}).some(({ content }) => content && 'text/event-stream' in content);
      if (!streams) routes.push({ method: method.toUpperCase(), template, operation });
    }
  }
  return routes;
}

/** A request to one of the routes: valid-looking parts mixed with hostile ones, in every part of it. */
export function hostileRequest(document: OpenApiDocument, routes: readonly Route[], known: KnownIds): fc.Arbitrary<HostileRequest> {
  return fc.constantFrom(...routes).chain((route) =>
    fc.record({
      path: pathFor(route, known),
      query: queryFor(route, known),
      body: bodyFor(document, route, known),
    }).map(({ path, query, body }) => shortlyShown({ method: route.method, path: `${path}${query}`, ...body })),
  );
}

function pathFor({ template }: Route, known: KnownIds): fc.Arbitrary<string> {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
  const segment = fc.oneof(fc.constantFrom(...known.uuids, ...known.subscriptions), awkwardString.filter((value) => value.length > 0));
  return fc.tuple(...names.map(() => segment)).map((values) => names.reduce((path, name, index) => path.replace(`{${name}}`, inUrl(values[index])), template));
}

function queryFor({ operation }: Route, known: KnownIds): fc.Arbitrary<string> {
  const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map(({ name }) => name);
  const name = fc.oneof(fc.constantFrom(...declared, 'unknown_field'), fc.string({ maxLength: 10 }));
  const value = fc.oneof(fc.constantFrom(...known.uuids), awkwardString, awkwardNumber.map(String));
  // `name[$op]=value` is how query strings smuggle operators into naive parsers.
  const pair = fc.tuple(name, fc.option(fc.constantFrom('[$ne]', '[$gt]', '[$regex]', '[]', '[0]', '[__proto__]'), { nil: '' }), value);
  return fc.array(pair, { maxLength: 3 }).map((pairs) => (pairs.length ? `?${pairs.map(([key, suffix, text]) => `${inUrl(key)}${suffix}=${inUrl(text)}`).join('&')}` : ''));
}

/** Percent-encoded (a lone surrogate becomes U+FFFD: it has no UTF-8 form), and no longer than servers take. */
function inUrl(text: string): string {
  return encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')).slice(0, 2_000);
}

function bodyFor(document: OpenApiDocument, { method, operation }: Route, known: KnownIds): fc.Arbitrary<{ contentType?: string; body?: string }> {
  const schema = operation.requestBody?.content['application/json']?.schema;
  const json = (value: fc.Arbitrary<unknown>) => value.map((body) => ({ contentType: 'application/json', body: JSON.stringify(body) ?? 'null' }));
  type Body = { contentType?: string; body?: string };
  const variants: fc.WeightedArbitrary<Body>[] = [
    { weight: 1, arbitrary: json(hostileValue) },
    { weight: 1, arbitrary: fc.constantFrom<Body>(
      { contentType: 'application/json', body: '{"amount": "1.00",' },
      { contentType: 'application/json', body: '{"a":1}{"b":2}' },
      { contentType: 'application/json', body: '\u0000' },
      { contentType: 'application/json', body: `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
      { contentType: 'application/json', body: JSON.stringify({ filler: 'x'.repeat(200_000) }) },
      { contentType: 'text/plain', body: 'amount=1.00' },
      { contentType: 'application/x-www-form-urlencoded', body: 'amount=1.00&account_id=x' },
      { contentType: 'application/json; charset=utf-16', body: '{}' },
      { contentType: undefined, body: '{"amount":"1.00"}' },
      {},
    ) },
  ];
  // Mostly the route's own fields, so that many requests get past validation into the handlers.
  if (schema) variants.push({ weight: 3, arbitrary: json(objectLike(document, schema, known)) }, { weight: 2, arbitrary: json(objectLike(document, schema, known, { onlyValidLooking: true })) });
  if (method === 'GET') variants.push({ weight: 2, arbitrary: fc.constant({}) });
  return fc.oneof(...variants);
}

/** An object with the schema's fields, each valid-looking or hostile, some missing, some unknown ones added. */
function objectLike(document: OpenApiDocument, schema: Schema, known: KnownIds, { onlyValidLooking = false } = {}): fc.Arbitrary<unknown> {
  const resolved = resolve(document, schema);
  const fields = Object.entries(resolved.properties ?? {});
  const value = (property: Schema) => (onlyValidLooking ? validLooking(document, property, known) : fc.oneof({ weight: 3, arbitrary: validLooking(document, property, known) }, { weight: 1, arbitrary: hostileValue }));
  const field = ([, property]: [string, Schema]) => fc.option(value(property), { nil: undefined, freq: 6 });
  const unknownFields = fc.dictionary(fc.constantFrom('balance', 'owner_id', 'status', 'revision', 'id', '$set', '__proto__', 'role'), hostileValue, { minKeys: 1, maxKeys: 2 });
  const extra = onlyValidLooking ? fc.constant({}) : fc.option(unknownFields, { nil: {}, freq: 3 });
  return fc.tuple(fc.tuple(...fields.map(field)), extra).map(([values, extras]) => {
    const body: Record<string, unknown> = { ...extras };
    fields.forEach(([name], index) => {
      if (values[index] !== undefined) body[name] = values[index];
    });
    return body;
  });
}

function validLooking(document: OpenApiDocument, schema: Schema, known: KnownIds): fc.Arbitrary<unknown> {
  const resolved = resolve(document, schema);
  if (resolved.enum) return fc.constantFrom(...resolved.enum);
  if (resolved.format === 'uuid') return fc.oneof(fc.constantFrom(...known.uuids), fc.uuid());
  if (resolved.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
  if (resolved.type === 'object') return objectLike(document, resolved, known);
  if (resolved.type === 'array') return fc.array(validLooking(document, resolved.items ?? {}, known), { maxLength: 3 });
  if (resolved.type === 'number' || resolved.type === 'integer') return awkwardNumber;
  if (resolved.type === 'boolean') return fc.boolean();
  // Amounts travel as decimal strings.
  return fc.oneof(fc.integer({ min: 0, max: 1_000_000 }).map((cents) => (cents / 100).toFixed(2)), awkwardString);
}

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) return resolve(document, document.components?.schemas?.[schema.$ref.split('/').pop()!] ?? {});
  if (schema.allOf?.length === 1) return resolve(document, schema.allOf[0]);
  return schema;
}

/** A failing request is printed by fast-check; a 200 kB body would drown the report. */
function shortlyShown(request: HostileRequest): HostileRequest {
  const shown = `${request.method} ${request.path.slice(0, 300)} [${request.contentType}] ${(request.body ?? '').slice(0, 300)}${(request.body?.length ?? 0) > 300 ? `… (${request.body!.length} characters)` : ''}`;
  return Object.assign(request, { [fc.toStringMethod]: () => shown });
}
