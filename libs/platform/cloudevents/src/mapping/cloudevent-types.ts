import type { DomainEvent } from '@openbank/shared-kernel';

/**
 * The CloudEvent `type` each domain event of a context is published under, keyed by the event's
 * stored type name. Declared in the context's `contracts/`: these names are what consumers
 * subscribe to, so they are part of the context's public contract and never change. Typed over
 * the context's event union, so a new event without a CloudEvent type does not compile.
 */
export type CloudEventTypes<E extends DomainEvent = DomainEvent> = { readonly [T in E['type']]: string };

/** `bank.<subject>[.<what happened>].v<version>`: lowercase, dot-separated, ending in its version. */
const versionedType = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+\.v[1-9][0-9]*$/;

export function assertVersionedType(eventType: string, cloudEventType: string): void {
  if (!versionedType.test(cloudEventType)) {
    throw new Error(`CloudEvent type "${cloudEventType}" for ${eventType} must look like bank.account.created.v1`);
  }
}

/**
 * What `CloudEventsModule.forFeature` provides: one context's types, found and registered at
 * start-up, and the stored types of its internal events: bookkeeping that other contexts and
 * consumers have no use for, which never leaves the bank.
 */
export class CloudEventTypesFeature {
  constructor(
    readonly types: CloudEventTypes,
    readonly internal: readonly string[] = [],
  ) {}
}
