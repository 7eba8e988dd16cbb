import type { AccessControl } from './auth/access-control.js';
import type { Authenticator } from './auth/authenticator.js';
import type { EventStore } from './store/event-store.js';
import type { ActiveCalls } from './subscriptions/active-calls.js';

export interface AppendLimits {
  /** Bytes of data + metadata + 2 × type over all events of one append. */
  maxAppendSize: number;
  /** The same measure for a single event. */
  maxAppendEventSize: number;
}

/** What every RPC handler works with. */
export interface ServerContext {
  store: EventStore;
  limits: AppendLimits;
  active: ActiveCalls;
  authenticator: Authenticator;
  access: AccessControl;
}
