import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Address } from '../domain/person.events.js';

export class AddressRequest {
  @ApiProperty({ example: 'Main Street', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  street!: string;

  @ApiProperty({ example: '1', maxLength: 20 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  number!: string;

  @ApiProperty({ example: '10001', maxLength: 20 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  zip_code!: string;

  @ApiProperty({ example: 'New York', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  city!: string;

  @ApiPropertyOptional({ example: 'NY', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  state?: string;

  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2 country code' })
  @IsISO31661Alpha2()
  country!: string;

  toAddress(): Address {
    return {
      street: this.street,
      number: this.number,
      zipCode: this.zip_code,
      city: this.city,
      ...(this.state ? { state: this.state } : {}),
      country: this.country,
    };
  }
}
