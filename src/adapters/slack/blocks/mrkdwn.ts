/**
 * Text for Block Kit: customer words are escaped (so `<!channel>` in a complaint pings nobody)
 * and fitted to a limit after escaping, never cutting inside an entity or a character.
 */
import type { PlainTextElement, MrkdwnElement } from '@slack/types';
import { truncate } from '../../shared/truncate.ts';

/** Slack's three control characters in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape `raw` and truncate it so the escaped result is at most `max` characters. */
export function fitEscaped(raw: string, max: number): string {
  let budget = max;
  for (;;) {
    const out = escapeMrkdwn(truncate(raw, budget));
    if (out.length <= max || budget <= 1) return out.length <= max ? out : '';
    budget -= out.length - max;
  }
}

/** Quote every line of `text` as a Slack block quote. */
export function quoteLines(text: string): string {
  return text.split('\n').map((line) => `>${line}`).join('\n');
}

/** A plain_text object fitted to `max`. */
export function plain(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

/** A mrkdwn object; `text` must already be escaped where it holds user input. */
export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text };
}
