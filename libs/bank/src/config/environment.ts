import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateBy, ValidateIf, validateSync } from 'class-validator';

const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const httpUrl = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
/** A number no smaller than another variable's. */
const AtLeast = (other: keyof Environment) =>
  ValidateBy({
    name: 'atLeast',
    constraints: [other],
    validator: {
      validate: (value, args) => typeof value === 'number' && value >= Number((args?.object as Environment)[other]),
      defaultMessage: (args) => `${args?.property} must be at least ${other}`,
    },
  });
/** The OpenTelemetry variables are read by its SDK; they are checked here only when tracing is on. */
const whenTracing = ValidateIf((environment: Environment) => environment.TRACING_ENABLED);

/**
 * Every setting the application reads from its environment, validated at start-up: a bad value
 * stops the application with a message naming the variable, instead of failing later.
 * `.env.example` documents each of them.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 8899;

  /** The address to listen on: this machine only by default. The container image sets 0.0.0.0. */
  @IsString()
  HOST = '127.0.0.1';

  /** A real KurrentDB, e.g. kurrentdb://localhost:2113?tls=false; unset starts the embedded one. */
  @IsOptional() @Matches(/^(kurrentdb|esdb|kdb)(\+discover)?:\/\//, { message: 'KURRENTDB_CONNECTION_STRING must be a kurrentdb:// connection string' })
  KURRENTDB_CONNECTION_STRING?: string;

  /** A real MongoDB, e.g. mongodb://localhost:27017; unset starts the embedded one. */
  @IsOptional() @Matches(/^mongodb(\+srv)?:\/\//, { message: 'MONGODB_URI must be a mongodb:// URI' })
  MONGODB_URI?: string;

  @Matches(/^[A-Za-z0-9_-]{1,63}$/)
  MONGODB_DATABASE = 'openbank';

  /** Where the embedded stores keep their data. */
  @IsString()
  DATA_DIR = './data';

  @Type(() => Number) @IsInt() @Min(0)
  SNAPSHOT_EVERY = 100;

  /** How many of an aggregate's newest snapshots are kept (the snapshot stream's `$maxCount`); older ones are dropped. */
  @Type(() => Number) @IsInt() @Min(1)
  MAX_SNAPSHOTS = 10;

  @Type(() => Number) @IsInt() @Min(0)
  AGGREGATE_CACHE_SIZE = 10_000;

  @Type(() => Number) @IsInt() @Min(0) @Max(20)
  COMMAND_CONFLICT_RETRIES = 5;

  @Type(() => Number) @IsInt() @Min(100)
  STORE_DEADLINE_MS = 2000;

  /** How long a stop (SIGTERM) may take before the process exits without finishing it. */
  @Type(() => Number) @IsInt() @Min(0)
  SHUTDOWN_GRACE_MS = 20000;

  /** The largest amount of one transaction, in the account's currency. */
  @Matches(/^\d{1,13}(\.\d{1,3})?$/, { message: 'MAX_TRANSACTION_AMOUNT must be a decimal amount such as 1000000.00' })
  MAX_TRANSACTION_AMOUNT = '1000000.00';

  /** The overdraft limit of an account opened without one, and of every account a customer opens themselves. */
  @Matches(/^\d{1,13}(\.\d{1,3})?$/, { message: 'DEFAULT_OVERDRAFT_LIMIT must be a decimal amount such as 0.00' })
  DEFAULT_OVERDRAFT_LIMIT = '0.00';

  /** How many open accounts a customer may hold when opening one themselves (bank staff may open more). */
  @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  MAX_OPEN_ACCOUNTS_PER_CUSTOMER = 5;

  /** Most money that may leave one holder's accounts of one currency in any 24 hours (withdrawals and outgoing transfers). */
  @Matches(/^\d{1,13}(\.\d{1,3})?$/, { message: 'VELOCITY_MAX_OUTGOING_PER_DAY must be a decimal amount such as 50000.00' })
  VELOCITY_MAX_OUTGOING_PER_DAY = '50000.00';

  /** Most withdrawals and outgoing transfers of one holder (all their accounts) in any hour. */
  @Type(() => Number) @IsInt() @Min(1)
  VELOCITY_MAX_OUTGOING_PER_HOUR = 60;

  /** How long an Idempotency-Key and its answer are kept. */
  @Type(() => Number) @IsInt() @Min(24)
  IDEMPOTENCY_RETENTION_HOURS = 24;

  /**
   * How long a request owns its Idempotency-Key. A retry during that time answers 409; after it,
   * the first attempt is taken for dead and the retry takes over. Keep it above the longest a
   * request may run (the store deadline plus TRANSFER_WAIT_MS).
   */
  @Type(() => Number) @IsInt() @Min(1000)
  IDEMPOTENCY_LEASE_MS = 30_000;

  /** How long POST /transactions/transfer waits for the transfer to settle before answering 202. */
  @Type(() => Number) @IsInt() @Min(0) @Max(30_000)
  TRANSFER_WAIT_MS = 3000;

  @Type(() => Number) @IsInt() @Min(1024)
  BODY_LIMIT_BYTES = 65_536;

  /** HTTP(S) endpoints every domain event is POSTed to as a CloudEvent (comma-separated); none by default. */
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((url) => url.trim()).filter(Boolean) : value))
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { each: true, message: 'CLOUDEVENTS_SINKS must be comma-separated http(s) URLs' })
  CLOUDEVENTS_SINKS: string[] = [];

  /** binary: attributes as ce-* headers, data as the body; structured: the whole event as application/cloudevents+json. */
  @IsIn(['binary', 'structured'])
  CLOUDEVENTS_MODE: 'binary' | 'structured' = 'binary';

  /** How long one delivery attempt may take before it counts as failed. */
  @Type(() => Number) @IsInt() @Min(100)
  CLOUDEVENTS_TIMEOUT_MS = 5000;

  /** Wait after a failed delivery; it doubles after each failure, up to CLOUDEVENTS_MAX_BACKOFF_MS. */
  @Type(() => Number) @IsInt() @Min(1)
  CLOUDEVENTS_INITIAL_BACKOFF_MS = 100;

  @Type(() => Number) @IsInt() @Min(1)
  CLOUDEVENTS_MAX_BACKOFF_MS = 30_000;

  /**
   * Let the API start a projector (the read side: projections, the transfer process, CloudEvent
   * sinks) as a child process and restart it if it dies: one command runs the whole bank. Turn it
   * off where projectors run as processes of their own (docker-compose, several machines).
   */
  @Transform(booleanText) @IsBoolean()
  START_PROJECTOR = true;

  /** Where a projector answers /health and /metrics (on HOST); 0 picks a free port. */
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PROJECTOR_PORT = 8900;

  /** The most events a projector applies to the read models in one batch. */
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  PROJECTION_BATCH_EVENTS = 500;

  /** Under load, how long a projection batch waits for more events before it is applied (an event after a quiet spell never waits); 0 never waits. */
  @Type(() => Number) @IsInt() @Min(0) @Max(1000)
  PROJECTION_BATCH_LINGER_MS = 5;

  /** Wait after a projection, process or sink failed on an event for a reason worth retrying; it doubles after each failure… */
  @Type(() => Number) @IsInt() @Min(1)
  READ_SIDE_INITIAL_BACKOFF_MS = 50;

  /** …up to this cap. */
  @Type(() => Number) @IsInt() @Min(1) @AtLeast('READ_SIDE_INITIAL_BACKOFF_MS')
  READ_SIDE_MAX_BACKOFF_MS = 2000;

  /**
   * How many times a temporary failure (a concurrency conflict, a timeout) is retried before its
   * event is parked; 0: for as long as it lasts. Store outages are always waited out; permanent
   * failures (a poison event, a bug) are parked at once.
   */
  @Type(() => Number) @IsInt() @Min(0)
  READ_SIDE_MAX_RETRIES = 0;

  /** How many days after an account was closed its stream goes to cold storage (`openbank archive run`). */
  @Type(() => Number) @IsInt() @Min(0) @Max(36_500)
  ARCHIVE_AFTER_DAYS = 365;

  /** Where archives go: files in ARCHIVE_DIR, or an S3-compatible bucket (ARCHIVE_S3_*). */
  @IsIn(['directory', 's3'])
  ARCHIVE_STORAGE: 'directory' | 's3' = 'directory';

  /** The directory of the archives; DATA_DIR/archives when unset. */
  @IsOptional() @IsString()
  ARCHIVE_DIR?: string;

  @ValidateIf((environment: Environment) => environment.ARCHIVE_STORAGE === 's3')
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'ARCHIVE_S3_BUCKET must be a bucket name (3 to 63 lowercase letters, digits, dots and dashes) when ARCHIVE_STORAGE=s3' })
  ARCHIVE_S3_BUCKET?: string;

  /** Archives go under this prefix in the bucket (`openbank/archives/` say); none when unset. */
  @IsOptional() @Matches(/^[A-Za-z0-9!_.*'()\/-]{1,200}$/, { message: 'ARCHIVE_S3_PREFIX must be a key prefix of letters, digits and !_.*\'()/-' })
  ARCHIVE_S3_PREFIX?: string;

  /** The bucket's region; the SDK's own (AWS_REGION) when unset. */
  @IsOptional() @Matches(/^[a-z0-9-]{2,32}$/, { message: 'ARCHIVE_S3_REGION must be a region name such as eu-west-1' })
  ARCHIVE_S3_REGION?: string;

  /** An S3-compatible service (MinIO, Ceph, R2…); AWS when unset. Credentials come from the SDK's chain (AWS_ACCESS_KEY_ID…). */
  @IsOptional() @IsUrl(httpUrl, { message: 'ARCHIVE_S3_ENDPOINT must be an http(s) URL' })
  ARCHIVE_S3_ENDPOINT?: string;

  /** The bucket in the URL's path instead of its host name (most S3-compatible services want it). */
  @Transform(booleanText) @IsBoolean()
  ARCHIVE_S3_FORCE_PATH_STYLE = false;

  /** Where `openbank backup` writes the embedded stores' backups; DATA_DIR/backups when unset. */
  @IsOptional() @IsString()
  BACKUP_DIR?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsIn(['json', 'pretty'])
  LOG_FORMAT = 'json';

  /** HS256 secret of the bearer tokens (at least 32 characters); or use AUTH_JWKS_URL. */
  @IsOptional() @IsString()
  AUTH_JWT_SECRET?: string;

  /** The identity provider's JWKS, e.g. https://idp.example.com/.well-known/jwks.json. */
  @IsOptional() @Matches(/^https?:\/\//, { message: 'AUTH_JWKS_URL must be an http(s) URL' })
  AUTH_JWKS_URL?: string;

  @IsString()
  AUTH_ISSUER = 'openbank';

  @IsString()
  AUTH_AUDIENCE = 'openbank-api';

  @IsString()
  AUTH_ROLES_CLAIM = 'roles';

  @IsString()
  AUTH_PERSON_CLAIM = 'person_id';

  /** Issue development tokens at POST /api/v1/dev/tokens. Unset: on with the embedded stores only. */
  @IsOptional() @Transform(booleanText) @IsBoolean()
  AUTH_DEV_TOKENS?: boolean;

  /** Who may ask for development tokens: callers on this machine (loopback), or anyone who reaches the port. */
  @IsIn(['loopback', 'anywhere'])
  AUTH_DEV_TOKENS_FROM: 'loopback' | 'anywhere' = 'loopback';

  /** Browser origins allowed to call the API (comma-separated); none by default. */
  @IsOptional() @IsString()
  CORS_ORIGINS?: string;

  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_PER_IP_PER_MINUTE = 1200;

  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE = 600;

  /** One log line per HTTP request (at info level). */
  @Transform(booleanText) @IsBoolean()
  ACCESS_LOG = true;

  /** OpenTelemetry tracing of requests, commands, appends, projections and MongoDB calls; off by default. */
  @Transform(booleanText) @IsBoolean()
  TRACING_ENABLED = false;

  @whenTracing @Matches(/^\S+$/, { message: 'OTEL_SERVICE_NAME must be a name without spaces' })
  OTEL_SERVICE_NAME = 'openbank';

  @whenTracing @IsOptional() @IsIn(['otlp', 'console', 'zipkin', 'none'])
  OTEL_TRACES_EXPORTER?: string;

  @whenTracing @IsOptional() @IsUrl(httpUrl, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @whenTracing @IsOptional() @IsUrl(httpUrl, { message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  @whenTracing @IsOptional() @IsIn(['http/protobuf', 'http/json', 'grpc'])
  OTEL_EXPORTER_OTLP_PROTOCOL?: string;

  @whenTracing @IsOptional() @IsIn(['http/protobuf', 'http/json', 'grpc'])
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?: string;

  @whenTracing @IsOptional() @IsIn(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'])
  OTEL_TRACES_SAMPLER?: string;

  @whenTracing @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(1)
  OTEL_TRACES_SAMPLER_ARG?: number;
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  // An empty variable (`KURRENTDB_CONNECTION_STRING=` in a .env file) means "not set".
  const set = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const environment = plainToInstance(Environment, set, { exposeDefaultValues: true });
  const errors = validateSync(environment, { whitelist: false });
  if (errors.length > 0) {
    const problems = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new Error(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return environment;
}

/** The directory archives go to when they go to a directory. */
export function archiveDirectory(environment: Environment): string {
  return resolve(environment.ARCHIVE_DIR ?? join(environment.DATA_DIR, 'archives'));
}

/** The directory backups of the embedded stores go to. */
export function backupDirectory(environment: Environment): string {
  return resolve(environment.BACKUP_DIR ?? join(environment.DATA_DIR, 'backups'));
}

export function corsOrigins(environment: Environment): string[] {
  return (environment.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
}
