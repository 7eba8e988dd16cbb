import { Injectable } from '@nestjs/common';
import type { AnyDomainEventClass, DomainEvent } from '@openbank/shared-kernel';
import type { EventUpcaster } from './event-upcaster.js';

/** Guards against an upcaster chain that loops (A → B → A) or runs away. */
const maxUpcastSteps = 16;

/**
 * Every stored event type the application understands: the current event classes, and the older
 * type names that upcasters turn into them.
 */
@Injectable()
export class EventTypeRegistry {
  private readonly classes = new Map<string, AnyDomainEventClass>();
  private readonly upcasters = new Map<string, EventUpcaster>();

  registerEvents(eventClasses: readonly AnyDomainEventClass[]): void {
    for (const eventClass of eventClasses) {
      const existing = this.classes.get(eventClass.type);
      if (existing && existing !== eventClass) {
        throw new Error(`two event classes claim the stored type ${eventClass.type}`);
      }
      this.classes.set(eventClass.type, eventClass);
    }
  }

  registerUpcasters(upcasters: readonly EventUpcaster[]): void {
    for (const upcaster of upcasters) {
      if (this.classes.has(upcaster.fromType)) {
        throw new Error(`${upcaster.fromType} is a current event class and cannot also be upcast`);
      }
      this.upcasters.set(upcaster.fromType, upcaster);
    }
  }

  /** Builds the current event for data stored under `storedType`; undefined for a type we do not know. */
  revive(storedType: string, data: unknown): DomainEvent | undefined {
    let type = storedType;
    let current = data;
    for (let step = 0; step <= maxUpcastSteps; step++) {
      const eventClass = this.classes.get(type);
      if (eventClass) return new eventClass(current);
      const upcaster = this.upcasters.get(type);
      if (!upcaster) return undefined;
      current = upcaster.upcast(current);
      type = upcaster.toType;
    }
    throw new Error(`upcasting ${storedType} did not reach a current event type`);
  }

  /** The stored type names that read back as one of `eventClasses`, older versions included. */
  storedTypesFor(eventClasses: readonly AnyDomainEventClass[]): string[] {
    const wanted = new Set(eventClasses.map((eventClass) => eventClass.type));
    const types = new Set(wanted);
    for (const fromType of this.upcasters.keys()) {
      if (wanted.has(this.finalTypeOf(fromType))) types.add(fromType);
    }
    return [...types].sort();
  }

  allEventClasses(): AnyDomainEventClass[] {
    return [...this.classes.values()];
  }

  isKnown(storedType: string): boolean {
    return this.classes.has(storedType) || this.upcasters.has(storedType);
  }

  private finalTypeOf(storedType: string): string {
    let type = storedType;
    for (let step = 0; step <= maxUpcastSteps && this.upcasters.has(type); step++) {
      type = this.upcasters.get(type)!.toType;
    }
    return type;
  }
}
