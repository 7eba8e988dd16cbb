import { ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { acceptOnlyJsonBodies, echoCorrelationId, ProblemDetailsFilter, RequestValidationFailed } from '@openbank/http-api';
import { Logger } from 'nestjs-pino';

/**
 * Everything HTTP-facing: strict validation (unknown fields are refused, not ignored), one
 * problem+json answer for every error, correlation ids, and the OpenAPI document at /api/docs.
 */
export function configureHttp(app: NestFastifyApplication): void {
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => RequestValidationFailed.from(errors),
    }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());

  const fastify = app.getHttpAdapter().getInstance();
  echoCorrelationId(fastify);
  acceptOnlyJsonBodies(fastify);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('OpenBank API')
      .setDescription('Event-sourced, CQRS banking: persons, accounts, money movement. Errors are RFC 9457 application/problem+json.')
      .setVersion('1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
