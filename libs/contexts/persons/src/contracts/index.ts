export { LookUpPersonQuery, type PersonSummary } from './look-up-person.query.js';
export { PersonAddressChangedDomainEventV2, PersonRegisteredDomainEventV1 } from '../domain/person.events.js';
export { personCloudEventTypes } from './person.cloudevent-types.js';
