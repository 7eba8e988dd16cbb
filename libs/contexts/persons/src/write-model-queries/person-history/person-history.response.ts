import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { fullName } from '../../domain/person.js';
import type { Address, PersonEvent } from '../../domain/person.events.js';
import type { PersonHistoryEntry } from './person-history.query.js';

export class PersonHistoryEntryResponse {
  @ApiProperty({ example: 1 }) revision!: number;
  @ApiProperty({ example: 'PersonAddressChangedDomainEventV2', description: 'The type the event is stored under (an older version is shown as stored).' }) event_type!: string;
  @ApiProperty({ example: '2026-11-22T10:05:00.000Z', format: 'date-time' }) occurred_at!: string;
  @ApiProperty({ example: 'teller:dev', description: 'Who did it: the acting principal recorded with the event (the subject of the caller’s token).' }) principal_id!: string;
  @ApiProperty({ example: 'Address changed to Main Street 1, 10001 New York, NY, US' }) description!: string;

  static of({ recorded, after }: PersonHistoryEntry): PersonHistoryEntryResponse {
    return {
      revision: Number(recorded.revision),
      event_type: recorded.storedType,
      occurred_at: recorded.metadata.occurredAt,
      principal_id: recorded.metadata.principal,
      description: describe(recorded.event, after.firstName ? fullName(after) : ''),
    };
  }
}

export class PersonHistoryResponse {
  @ApiProperty({
    type: [PersonHistoryEntryResponse],
    example: [
      { revision: 0, event_type: 'PersonRegisteredDomainEventV1', occurred_at: '2026-11-22T10:00:00.000Z', principal_id: 'teller:dev', description: 'Registered as Alice Smith, born 1990-05-15, nationality US' },
      {
        revision: 1,
        event_type: 'PersonAddressChangedDomainEventV2',
        occurred_at: '2026-11-22T10:05:00.000Z',
        principal_id: 'customer:b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10',
        description: 'Address changed to Main Street 1, 10001 New York, NY, US',
      },
    ],
  })
  items!: PersonHistoryEntryResponse[];
  @ApiPropertyOptional({ example: 50, description: 'Pass as from_revision for the next page; absent on the last page.' })
  next_from_revision?: number;
}

function describe(event: PersonEvent, name: string): string {
  switch (event.type) {
    case 'PersonRegisteredDomainEventV1':
      return event.data.forgotten ? 'Registered (personal data forgotten)' : `Registered as ${name}, born ${event.data.dateOfBirth}, nationality ${event.data.nationality}`;
    case 'PersonAddressChangedDomainEventV2':
      return event.data.address ? `Address changed to ${addressLine(event.data.address)}` : 'Address changed (personal data forgotten)';
    case 'PersonForgottenDomainEventV1':
      return `Forgotten (${event.data.reason}${event.data.reference ? `, ${event.data.reference}` : ''})`;
  }
}

function addressLine({ street, number, zipCode, city, state, country }: Address): string {
  const streetLine = [street, number].filter(Boolean).join(' ');
  const cityLine = [zipCode, city].filter(Boolean).join(' ');
  return [streetLine, cityLine, state, country].filter(Boolean).join(', ');
}
