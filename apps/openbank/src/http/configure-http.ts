import { ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { acceptOnlyJsonBodies, echoCorrelationId, ProblemDetailsFilter, RequestValidationFailed } from '@openbank/http-api';
import { Logger } from 'nestjs-pino';
import { apiDocument, swaggerUiOptions } from './api-document.js';
import { serveConsole } from './console.js';
import { logRequests } from './request-logging.js';
import { useSecurityHeaders } from './security-headers.js';

/**
 * Everything HTTP-facing: strict validation (unknown fields are refused, not ignored), one
 * problem+json answer for every error, correlation ids, the OpenAPI document at /api/docs and the
 * web console at /console.
 */
export async function configureHttp(app: NestFastifyApplication, corsOrigins: readonly string[] = []): Promise<void> {
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
  await logRequests(app);
  echoCorrelationId(fastify);
  acceptOnlyJsonBodies(fastify);
  useSecurityHeaders(fastify, {
    // Swagger UI runs an inline script and style; everything else stays locked down.
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } },
  });
  // Browsers may call the API only from the origins named in CORS_ORIGINS.
  app.enableCors({ origin: corsOrigins.length > 0 ? [...corsOrigins] : false, allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'] });

  const document = SwaggerModule.createDocument(app, apiDocument());
  SwaggerModule.setup('api/docs', app, document, swaggerUiOptions);
  await serveConsole(app);
}
