/**
 * User-facing failures carry a stable code and a polite message; they are shown in chat or on
 * the command line as they are. Anything else is a crash: logged with the case id, and the user
 * sees a generic apology.
 */

export const ERROR_CODES = [
  'invalid_json', 'invalid_input', 'message_too_long', 'empty_message', 'usage',
  'not_found', 'unknown_order', 'stale_revision', 'already_decided', 'forbidden_role',
  'forbidden_author', 'not_staff', 'wrong_channel', 'over_cap', 'release_refused', 'invalid_transition', 'playbook_invalid', 'config_invalid',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** Upper bound on a customer message: longer text is refused with `message_too_long`, never cut silently. */
export const MAX_MESSAGE_CHARS = 20_000;
