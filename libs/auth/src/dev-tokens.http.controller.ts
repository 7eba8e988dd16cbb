import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ApiProblems } from '@openbank/http-api';
import { Access } from './access.decorator.js';
import { DevTokenIssuer } from './dev-token-issuer.js';
import { roles, type Role } from './principal.js';

export class DevTokenRequestDto {
  @ApiProperty({ enum: roles, example: 'teller' })
  @IsIn(roles)
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for a customer: the person the customer is.' })
  @ValidateIf((request: DevTokenRequestDto) => request.role === 'customer' || request.person_id !== undefined)
  @IsUUID()
  person_id?: string;

  @ApiPropertyOptional({ example: 'teller:jane', description: 'The token subject, recorded in events as the acting principal.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string;

  @ApiPropertyOptional({ example: 3600, minimum: 60, maximum: 86400 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86_400)
  ttl_seconds?: number;
}

export class DevTokenResponse {
  @ApiProperty() access_token!: string;
  @ApiProperty({ example: 'Bearer' }) token_type!: 'Bearer';
  @ApiProperty({ example: 3600 }) expires_in!: number;
}

/** Development only: tokens without an identity provider. Not registered unless AUTH_DEV_TOKENS is on. */
@ApiTags('development')
@Controller('api/v1/dev/tokens')
export class DevTokensHttpController {
  constructor(private readonly issuer: DevTokenIssuer) {}

  @Post()
  @HttpCode(200)
  @Access.public()
  @ApiOperation({ summary: 'Issue a development token (local use only; refused in production)', operationId: 'issueDevToken' })
  @ApiOkResponse({ type: DevTokenResponse })
  @ApiProblems(400)
  async issue(@Body() body: DevTokenRequestDto): Promise<DevTokenResponse> {
    const issued = await this.issuer.issue({ role: body.role, personId: body.person_id, subject: body.subject, ttlSeconds: body.ttl_seconds });
    return { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn };
  }
}
