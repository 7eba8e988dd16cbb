import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { erasureGrounds, type ErasureGround } from '../../domain/person.events.js';

export class ForgetPersonRequest {
  @ApiProperty({ enum: erasureGrounds, example: 'CONSENT_WITHDRAWN', description: 'The ground of GDPR Art. 17(1) the erasure rests on. Recorded in the event, so it is a code, never free text.' })
  @IsIn(erasureGrounds)
  reason!: ErasureGround;

  @ApiPropertyOptional({
    example: 'DSR-2026-0042',
    maxLength: 64,
    description: "The bank's case reference of the request: letters, digits and . _ : / - only, so it cannot carry a name or an address.",
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:/-]{1,64}$/, { message: 'reference must be 1 to 64 letters, digits or . _ : / -' })
  reference?: string;
}
