// Structured JSON logs (pino); every module logs through a child with a `module` tag.
import { pino, type Logger, type DestinationStream } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/** Server logs go to stdout; the CLI passes stderr so that stdout carries only results. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'pathuptime' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['*.password', '*.token', '*.authorization', '*.community', '*.authpass'],
        censor: '***',
      },
    },
    destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
