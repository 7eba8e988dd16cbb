export { LookUpPersonQuery, type PersonSummary } from './look-up-person.query.js';
export { PersonAddressChangedDomainEventV2, PersonForgottenDomainEventV1, PersonRegisteredDomainEventV1 } from '../domain/person.events.js';
export { forgottenPersonName, fullName } from '../domain/person.js';
export { PersonNotFound } from '../domain/person.errors.js';
export { personCloudEventTypes } from './person.cloudevent-types.js';
