/**
 * The process's logger, handed to Bolt as its logger: pino underneath. In production (`LOG_FORMAT=json`, the
 * default when NODE_ENV=production) every line is one JSON object (`level`, `time`, `name`, `msg`), what log
 * collectors read; in development (`LOG_FORMAT=pretty`) lines are coloured and readable (pino-pretty).
 */
import { type Logger, LogLevel } from "@slack/bolt";
import { type DestinationStream, type Logger as PinoLogger, pino } from "pino";
import pretty from "pino-pretty";

export type LogFormat = "json" | "pretty";

export interface LoggerOptions {
  level: "debug" | "info" | "warn" | "error";
  format: LogFormat;
  /** Where lines go; default stdout. Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

/** Bolt passes several arguments per call; they become one message, errors with their message. */
function messageOf(parts: unknown[]): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return part;
      if (part instanceof Error) return part.stack ?? part.message;
      try {
        return JSON.stringify(part);
      } catch {
        return String(part);
      }
    })
    .join(" ");
}

/** A Bolt Logger writing through pino. */
export function createLogger(options: LoggerOptions): Logger & { readonly pino: PinoLogger } {
  const destination =
    options.format === "pretty"
      ? pretty({ colorize: process.stdout.isTTY === true, sync: true, destination: options.destination ?? 1 })
      : (options.destination ?? pino.destination({ dest: 1, sync: true }));
  let base = pino({ level: options.level, base: undefined }, destination);
  return {
    get pino() {
      return base;
    },
    debug: (...parts: unknown[]) => base.debug(messageOf(parts)),
    info: (...parts: unknown[]) => base.info(messageOf(parts)),
    warn: (...parts: unknown[]) => base.warn(messageOf(parts)),
    error: (...parts: unknown[]) => base.error(messageOf(parts)),
    setLevel(level: LogLevel) {
      base.level = level;
    },
    getLevel: () => base.level as LogLevel,
    setName(name: string) {
      base = base.child({ name });
    },
  };
}

export { LogLevel };
