import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * JSON logger. Phone numbers are personal information: any "+digits" run in a logged string is
 * masked, and message bodies are logged only at debug level by the callers.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'bienvenue' },
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? maskPhone(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
    formatters: {
      log: (object) => maskObject(object) as Record<string, unknown>,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Masks every phone number in `text`: "+15145550123" → "+1514•••23", enough to tell two families
 * apart in a log, not to call them. Numbers reach us in E.164 form ("whatsapp:+1514…" too).
 */
export function maskPhone(text: string): string {
  return text.replace(/(\+\d{4})\d{3,}(\d{2})/g, '$1•••$2');
}

function maskObject(value: unknown, depth = 0): unknown {
  if (depth > 4) return value;
  if (typeof value === 'string') return maskPhone(value);
  if (Array.isArray(value)) return value.map((item) => maskObject(item, depth + 1));
  if (value && typeof value === 'object' && !(value instanceof Error)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = maskObject(item, depth + 1);
    return out;
  }
  return value;
}
