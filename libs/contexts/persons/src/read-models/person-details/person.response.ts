import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Gender } from '../../domain/person.events.js';
import type { PersonAddressDocument, PersonDetails } from './person-details.schema.js';

export class AddressResponse {
  @ApiProperty({ example: 'Main Street' }) street!: string;
  @ApiProperty({ example: '1' }) number!: string;
  @ApiProperty({ example: '10001' }) zip_code!: string;
  @ApiProperty({ example: 'New York' }) city!: string;
  @ApiPropertyOptional({ example: 'NY' }) state?: string;
  @ApiProperty({ example: 'US' }) country!: string;

  static of(address: PersonAddressDocument): AddressResponse {
    return { ...address };
  }
}

export class PersonResponse {
  @ApiProperty({ format: 'uuid', example: 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10' }) id!: string;
  @ApiProperty({ type: String, example: 'Alice', nullable: true, description: 'Null once the person is forgotten, as every personal field.' }) first_name!: string | null;
  @ApiProperty({ type: String, example: 'Smith', nullable: true }) last_name!: string | null;
  @ApiProperty({ type: String, example: '1990-05-15', format: 'date', nullable: true }) date_of_birth!: string | null;
  @ApiProperty({ type: String, example: 'US', nullable: true }) nationality!: string | null;
  @ApiProperty({ enum: ['MALE', 'FEMALE', 'OTHER'], example: 'FEMALE', nullable: true }) gender!: Gender | null;
  @ApiPropertyOptional({ type: AddressResponse }) address?: AddressResponse;
  @ApiPropertyOptional({ example: true, description: 'Present once the person is forgotten (GDPR Art. 17): their personal data is erased.' }) forgotten?: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) forgotten_at?: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z', format: 'date-time' }) registered_at!: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z', format: 'date-time' }) last_modified!: string;
  @ApiProperty({ example: 0, description: 'Revision of the person stream this representation reflects.' }) revision!: number;

  static fromDocument(document: PersonDetails): PersonResponse {
    return {
      id: document._id,
      first_name: document.first_name,
      last_name: document.last_name,
      date_of_birth: document.date_of_birth,
      nationality: document.nationality,
      gender: document.gender,
      ...(document.address ? { address: AddressResponse.of(document.address) } : {}),
      ...(document.forgotten ? { forgotten: true } : {}),
      ...(document.forgotten_at ? { forgotten_at: document.forgotten_at.toISOString() } : {}),
      registered_at: document.registered_at.toISOString(),
      last_modified: document.last_modified.toISOString(),
      revision: document.last_revision,
    };
  }
}
