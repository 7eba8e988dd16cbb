import type { Document } from 'bson';
import type { CursorRegistry } from '../cursors/cursor-registry.js';
import type { Catalog } from '../storage/catalog.js';
import type { ServerParameters } from './server-parameters.js';

/** What one connection tells commands about itself. */
export interface ConnectionInfo {
  readonly id: number;
  readonly remoteAddress: string;
  /** Set by the first hello; a second hello with `client` metadata is refused. */
  clientMetadata?: Document;
}

/** Server-wide state shared by every command. */
export interface ServerState {
  readonly catalog: Catalog;
  readonly cursors: CursorRegistry;
  readonly startedAt: Date;
  readonly host: string;
  readonly port: () => number;
  readonly connections: () => { current: number; totalCreated: number };
  readonly dataDir?: string;
  /** `$where` runs JavaScript (opt-in: `javascript` option, `--javascript` flag). */
  readonly javascriptEnabled: boolean;
  readonly parameters: ServerParameters;
}

export interface CommandRequest {
  readonly name: string;
  readonly body: Document;
  readonly db: string;
  readonly connection: ConnectionInfo;
  readonly state: ServerState;
}

export type CommandHandler = (request: CommandRequest) => Document;

export interface CommandDefinition {
  readonly handler: CommandHandler;
  /** Only runs against the admin database (MongoDB answers 13 Unauthorized otherwise). */
  readonly adminOnly?: boolean;
}
