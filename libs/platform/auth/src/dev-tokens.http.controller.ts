import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ApiProblems } from '@openbank/http-api';
import type { FastifyRequest } from 'fastify';
import { Access } from './access.decorator.js';
import { AccessDenied } from './access.guard.js';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options.js';
import { DevTokenIssuer } from './dev-token-issuer.js';
import { roles, type Role } from './principal.js';

export class DevTokenRequestDto {
  @ApiProperty({ enum: roles, example: 'teller' })
  @IsIn(roles)
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', example: 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10', description: 'Required for a customer: the person the customer is.' })
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

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses. */
const loopback = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Development only: tokens without an identity provider. Not registered unless AUTH_DEV_TOKENS is on. */
@ApiTags('authentication')
@Controller('api/v1/dev/tokens')
export class DevTokensHttpController {
  constructor(
    private readonly issuer: DevTokenIssuer,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  @Post()
  @HttpCode(200)
  @Access.public()
  @ApiOperation({
    summary: 'Issue a development token (local use only; refused in production)',
    description: 'Answers callers on the machine OpenBank runs on only (AUTH_DEV_TOKENS_FROM=loopback, the default).',
    operationId: 'issueDevToken',
  })
  @ApiOkResponse({ type: DevTokenResponse })
  @ApiProblems(400, 403)
  async issue(@Body() body: DevTokenRequestDto, @Req() request: FastifyRequest): Promise<DevTokenResponse> {
    // The socket's own peer: a forwarded-for header is the caller's word, not the network's.
    if (this.options.devTokensFrom === 'loopback' && !loopback.test(request.raw.socket.remoteAddress ?? '')) {
      throw new AccessDenied('development tokens are issued only to callers on the machine OpenBank runs on');
    }
    const issued = await this.issuer.issue({ role: body.role, personId: body.person_id, subject: body.subject, ttlSeconds: body.ttl_seconds });
    return { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn };
  }
}
