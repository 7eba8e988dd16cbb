import type { Environment } from '@openbank/bank';
import type { Params } from 'nestjs-pino';

/** The API's log format (JSON lines, pretty on request), named so a projector's lines are told apart. */
export function projectorLoggerOptions(environment: Environment): Params {
  return {
    pinoHttp: {
      level: environment.LOG_LEVEL,
      name: 'projector',
      ...(environment.LOG_FORMAT === 'pretty' ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
    },
  };
}
