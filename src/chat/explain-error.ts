/**
 * The one error explainer: a `UserError`'s own polite message as an `info` notice, a platform
 * failure the adapter can name (Slack's `not_in_channel`), or — for a crash — a generic apology,
 * logged with the case id and step, never a stack trace.
 */
import { isUserError } from '../core/errors.ts';
import type { ChatContext } from './context.ts';
import type { Notice } from './replies.ts';

export function explainError(ctx: ChatContext, error: unknown, context: { caseId?: string; step: string }): Notice {
  if (isUserError(error)) return { kind: 'notice', tone: 'info', text: error.message, code: error.code };
  const own = ctx.explainPlatformError?.(error, context);
  if (own) return own;
  ctx.logger.error({ err: error, caseId: context.caseId, step: context.step }, `${ctx.platform} handler failed`);
  const ref = context.caseId ? ` (case ${context.caseId})` : '';
  return { kind: 'notice', tone: 'warning', text: `Sorry, something went wrong${ref}. It has been logged; please try again.`, code: 'internal' };
}

/** A notice with its platform glyph: `ℹ️ No case c99`. */
export function withGlyph(notice: Notice, glyphs: Record<Notice['tone'], string>): string {
  return `${glyphs[notice.tone]} ${notice.text}`;
}
