import { Injectable } from '@nestjs/common';
import { assertVersionedType, type CloudEventTypes } from './cloudevent-types.js';

/** Every CloudEvent type of the application, by the stored type name of the domain event. */
@Injectable()
export class CloudEventTypeRegistry {
  private readonly types = new Map<string, string>();
  private readonly internal = new Set<string>();

  registerInternal(eventTypes: readonly string[]): void {
    for (const eventType of eventTypes) this.internal.add(eventType);
  }

  /** Whether events of this type leave the bank (internal ones never do). */
  publishes(eventType: string): boolean {
    return this.types.has(eventType);
  }

  register(types: CloudEventTypes): void {
    for (const [eventType, cloudEventType] of Object.entries(types)) {
      assertVersionedType(eventType, cloudEventType);
      const existing = this.types.get(eventType);
      if (existing !== undefined && existing !== cloudEventType) {
        throw new Error(`${eventType} is published both as ${existing} and as ${cloudEventType}`);
      }
      // Consumers tell events apart by type alone: two domain events must not share one.
      const other = [...this.types].find(([otherEvent, type]) => type === cloudEventType && otherEvent !== eventType);
      if (other) throw new Error(`${eventType} and ${other[0]} are both published as ${cloudEventType}`);
      this.types.set(eventType, cloudEventType);
    }
  }

  typeOf(eventType: string): string {
    const cloudEventType = this.types.get(eventType);
    if (cloudEventType === undefined) throw new Error(`no CloudEvent type for ${eventType}`);
    return cloudEventType;
  }

  /** Every domain event the application stores must leave as a CloudEvent: checked once, at start-up. */
  assertCovers(eventTypes: readonly string[]): void {
    const missing = eventTypes.filter((eventType) => !this.types.has(eventType) && !this.internal.has(eventType)).sort();
    if (missing.length > 0) {
      throw new Error(
        `no CloudEvent type for ${missing.join(', ')}: declare it in the context's contracts and register it with CloudEventsModule.forFeature`,
      );
    }
  }
}
