import type { CloudEventTypes } from '@openbank/cloudevents';
import type { PersonEvent } from '../domain/person.events.js';

/** The CloudEvent type each person event is published under (see CloudEventTypes). */
export const personCloudEventTypes: CloudEventTypes<PersonEvent> = {
  PersonRegisteredDomainEventV1: 'bank.person.registered.v1',
  PersonAddressChangedDomainEventV2: 'bank.person.address-changed.v2',
  PersonForgottenDomainEventV1: 'bank.person.forgotten.v1',
};
