/**
 * Settle's logger: pino, with two layers of privacy so a customer's phone number, address or a
 * platform token never reaches a log line:
 *  1. pino `redact` paths for keys known to hold secrets or personal data;
 *  2. a scrubber over every string that is logged (message, fields at any depth, error
 *     messages and stacks): `maskPersonalData` (core/mask-personal.ts, the audit log's mask too:
 *     phones in any width or split, addresses, ID numbers, e-mails) plus
 *     token patterns (Slack, Discord, OpenAI, bearer headers).
 * Layer 2 exists because a complaint text quoted in an error can carry a phone number under
 * any key name.
 */
import { UserError } from './core/errors.ts';
import pino from 'pino';
import { maskPersonalData } from './core/mask-personal.ts';
import { preparePrivateFile } from './private-files.ts';

export type Logger = pino.Logger;

/** Keys whose values are dropped wherever they appear (case-insensitive). */
const SECRET_KEYS = [
  'token', 'botToken', 'appToken', 'signingSecret', 'apiKey', 'password', 'secret', 'authorization', 'cookie',
  'phone', 'mobile', 'tel', 'address', 'email', 'idNumber',
];
const SECRET_KEY_SET = new Set(SECRET_KEYS.map((k) => k.toLowerCase()));

/** pino redact paths: top level, one level deep, and request headers. */
export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  'headers.authorization', 'req.headers.authorization', 'req.headers.cookie',
];

const TOKEN_PATTERNS: RegExp[] = [
  /\bxox[abposr]-[A-Za-z0-9-]+/g, // Slack bot/user tokens
  /\bxapp-[A-Za-z0-9-]+/g, // Slack app-level tokens
  /\bsk-[A-Za-z0-9_-]{8,}/g, // OpenAI-style API keys
  /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}\b/g, // Discord bot tokens
  /\b(Bearer|Bot)\s+[A-Za-z0-9._~+/=-]{8,}/g, // Authorization header values
];

/** Removes personal data and tokens from one string. */
export function scrubText(text: string): string {
  let out = maskPersonalData(text);
  for (const p of TOKEN_PATTERNS) out = out.replace(p, '[token]');
  return out;
}

function scrubValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    return { type: value.name, message: scrubText(value.message), stack: value.stack ? scrubText(value.stack) : undefined, ...scrubFields(value as unknown as Record<string, unknown>, depth, seen) };
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1, seen));
  return scrubFields(value as Record<string, unknown>, depth, seen);
}

function scrubFields(obj: Record<string, unknown>, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = SECRET_KEY_SET.has(k.toLowerCase()) ? '[redacted]' : scrubValue(v, depth + 1, seen);
  return out;
}

export interface LoggerOptions {
  level?: string;
  /** A file path (its directory is created) or a stream; default stdout. */
  destination?: string | NodeJS.WritableStream;
  /** Base fields on every line (e.g. `{ part: 'console' }`). */
  base?: Record<string, unknown>;
}

/**
 * The log file can be created and appended to: a directory, a path under a file or a read-only
 * place is one clear line (UserError), not a stack trace from inside pino.
 */
function assertWritable(path: string): void {
  try {
    preparePrivateFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'EISDIR' ? 'it is a directory' : code === 'ENOTDIR' || code === 'EEXIST' ? 'a part of the path is a file' : code === 'EACCES' || code === 'EROFS' ? 'permission denied' : (code ?? String(e));
    throw new UserError('config_invalid', `Cannot write the log file at ${path} (SETTLE_LOG_FILE): ${why}`);
  }
}

/** Builds the process logger. Console mode passes a file so the terminal stays the person's. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { level = 'info', destination, base } = options;
  let stream: pino.DestinationStream | NodeJS.WritableStream | undefined;
  if (typeof destination === 'string') {
    assertWritable(destination);
    // sync writes: a line logged just before a crash (SIGKILL) is still in the file.
    stream = pino.destination({ dest: destination, sync: true, mkdir: true });
  } else {
    stream = destination;
  }
  const opts: pino.LoggerOptions = {
    level,
    base: { ...base },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: (e: unknown) => scrubValue(e, 0, new WeakSet()) },
    formatters: { log: (obj) => scrubFields(obj, 0, new WeakSet()) },
    hooks: {
      // The message string (and printf-style arguments) never pass the field formatter.
      logMethod(args, method) {
        const clean = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<pino.LogFn>;
        method.apply(this, clean);
      },
    },
  };
  return stream ? pino(opts, stream as pino.DestinationStream) : pino(opts);
}

/** A logger that writes nothing (tests, benchmarks). */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
