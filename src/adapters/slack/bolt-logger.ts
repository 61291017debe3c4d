/**
 * Bolt's logger interface over Settle's pino logger, so Bolt's own messages go through the same
 * redaction (tokens, phone numbers) as everything else. At debug level Bolt and its WebClient log
 * whole request and response bodies — the customer's message and the card — and pattern
 * redaction cannot promise to catch every address written in free text, so those lines are
 * logged without their bodies.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.ts';

/** Bolt/WebClient debug lines that carry a payload: `http request body: {…}`, `ack() … (body: …)`. */
const CARRIES_BODY = /\b(body|result|payload|response)\b\s*[:(]/i;

/** Keep a Bolt message, or only its prefix when it carries a payload. */
export function withoutPayload(message: string): string {
  const match = CARRIES_BODY.exec(message);
  return match ? `${message.slice(0, match.index + match[0].length)} [payload omitted]` : message;
}

/** Wrap `logger` (a child tagged `bolt`) for Bolt and its WebClient. */
export function toBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  const text = (msg: unknown[]) => withoutPayload(msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' '));
  return {
    debug: (...msg) => {
      if (child.isLevelEnabled('debug')) child.debug(text(msg));
    },
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
