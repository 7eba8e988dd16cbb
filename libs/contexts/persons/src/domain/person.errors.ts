import { domainError } from '@openbank/shared-kernel';

export class PersonAlreadyRegistered extends domainError('PERSON_ALREADY_REGISTERED', 'conflict') {}
export class PersonNotFound extends domainError('PERSON_NOT_FOUND', 'not-found') {}
export class DateOfBirthInFuture extends domainError('DATE_OF_BIRTH_IN_FUTURE', 'invalid') {}
export class InvalidPersonName extends domainError('INVALID_PERSON_NAME', 'invalid') {}
/** A forgotten person's data can no longer be changed (there is none to change). */
export class PersonIsForgotten extends domainError('PERSON_FORGOTTEN', 'conflict') {}
