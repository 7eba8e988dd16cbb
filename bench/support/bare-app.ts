/**
 * The baseline: a Nest application on the Fastify adapter with one POST and one GET route that do
 * nothing. Whatever OpenBank's routes cost beyond this is OpenBank's own.
 */
import 'reflect-metadata';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller('bare')
class BareController {
  @Post()
  accept(@Body() body: unknown): { received: boolean } {
    return { received: body !== undefined };
  }

  @Get()
  answer(): { ok: boolean } {
    return { ok: true };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
await app.listen(0, '127.0.0.1');
process.stdout.write(`listening on ${await app.getUrl()}\n`);
