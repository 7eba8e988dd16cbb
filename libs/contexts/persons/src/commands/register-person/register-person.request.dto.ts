import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO31661Alpha2, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import type { RegisterPerson } from '../../domain/person.js';
import type { Gender } from '../../domain/person.events.js';
import { AddressRequest } from '../address.request.dto.js';

const genders: Gender[] = ['MALE', 'FEMALE', 'OTHER'];

export class RegisterPersonRequest {
  @ApiProperty({ example: 'Alice', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  first_name!: string;

  @ApiProperty({ example: 'Smith', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  last_name!: string;

  @ApiProperty({ example: '1990-05-15', format: 'date', description: 'ISO 8601 calendar date, not in the future' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_of_birth must be a date in the form YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date_of_birth must be a valid calendar date' })
  date_of_birth!: string;

  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2 country code' })
  @IsISO31661Alpha2()
  nationality!: string;

  @ApiProperty({ enum: genders, example: 'FEMALE' })
  @IsIn(genders)
  gender!: Gender;

  @ApiPropertyOptional({ type: AddressRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressRequest)
  address?: AddressRequest;

  toRegistration(): RegisterPerson {
    return {
      firstName: this.first_name,
      lastName: this.last_name,
      dateOfBirth: this.date_of_birth,
      nationality: this.nationality,
      gender: this.gender,
      ...(this.address ? { address: this.address.toAddress() } : {}),
    };
  }
}
