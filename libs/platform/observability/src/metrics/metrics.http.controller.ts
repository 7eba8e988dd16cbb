import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access } from '@openbank/auth';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';

@ApiTags('operations')
@Controller('metrics')
export class MetricsHttpController {
  constructor(private readonly registry: Registry) {}

  @Get()
  // No series carries personal data (labels are route templates, command, event and aggregate
  // types, error codes and subscription names), but together they describe the bank's activity:
  // operators only, like the other operations routes. Prometheus sends an admin token.
  @Access.admin()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Metrics for Prometheus (text exposition format)',
    description: 'Admins only. The Prometheus text exposition format: requests, commands, subscription lag, the process.',
    operationId: 'metrics',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Every series of the application in the Prometheus text format', schema: { type: 'string' } })
  async metrics(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.header('content-type', this.registry.contentType);
    return this.registry.metrics();
  }
}
