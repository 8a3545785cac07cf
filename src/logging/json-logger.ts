import { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../config/app-config';
import { currentRequestId } from './request-context';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One JSON object per line on stdout, with the request id of the request being served. */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly minimumLevel: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  /** Structured entry: `logger.event('info', 'request', { status: 200 })`. */
  event(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
    if (LEVELS[level] < LEVELS[this.minimumLevel]) return;
    const requestId = currentRequestId();
    this.write(
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        msg,
        ...(requestId ? { requestId } : {}),
        ...fields,
      }),
    );
  }

  private emit(level: LogLevel, message: unknown, rest: unknown[]): void {
    // Nest passes the context (class name) as the last string argument, and a stack before it.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (level === 'error' && typeof args[0] === 'string') fields.stack = args.shift();
    if (args.length > 0) fields.details = args;
    if (message instanceof Error) {
      this.event(level, message.message, { ...fields, stack: message.stack });
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...other } = message as Record<string, unknown>;
      this.event(level, typeof msg === 'string' ? msg : 'log', { ...fields, ...other });
    } else {
      this.event(level, String(message), fields);
    }
  }
}
