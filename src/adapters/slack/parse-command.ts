/**
 * The text after `/settle`: `help`, nothing (open the modal), or a customer message optionally
 * preceded by `order:ID` and `lang:zh|en` tokens.
 */
import type { Lang } from '../../core/types.ts';
import { REVIEW_HELP } from './review-command.ts';

/** `/settle train [scenario] [zh|en] [swap]`, in any order. */
export interface TrainCommand {
  kind: 'train';
  scenarioId?: string;
  lang?: Lang;
  swap: boolean;
}

export type SettleCommand =
  | { kind: 'help' }
  | TrainCommand
  | { kind: 'modal' }
  /** `/settle queue [mine] [PAGE]`: the queue as a private message (App Home shows it too). */
  | { kind: 'queue'; mine: boolean; page: number }
  /** `/settle review …`: src/adapters/slack/review-command.ts. */
  | { kind: 'review' }
  | { kind: 'case'; message: string; orderId?: string; lang?: Lang };

export function parseSettleCommand(text: string): SettleCommand {
  let rest = text.trim();
  if (rest === '') return { kind: 'modal' };
  if (/^(help|帮助|\?)$/i.test(rest)) return { kind: 'help' };
  if (/^(train|培训)(\s|$)/i.test(rest)) return parseTrain(rest.split(/\s+/).slice(1));
  if (/^(review|差评)(\s|$)/i.test(rest)) return { kind: 'review' };
  if (/^(queue|队列)(\s|$)/i.test(rest)) return parseQueue(rest.split(/\s+/).slice(1));
  const out: { kind: 'case'; message: string; orderId?: string; lang?: Lang } = { kind: 'case', message: '' };
  for (;;) {
    const m = /^(order|lang):(\S+)\s*/i.exec(rest);
    if (!m) break;
    const [, key, value] = m as unknown as [string, string, string];
    if (key.toLowerCase() === 'order') out.orderId = value;
    else if (value === 'zh' || value === 'en') out.lang = value;
    else break;
    rest = rest.slice(m[0].length);
  }
  out.message = rest;
  return rest === '' ? { kind: 'modal' } : out;
}

/** `mine` and a 1-based page number, in any order; anything else is ignored like a typo'd word. */
function parseQueue(words: string[]): { kind: 'queue'; mine: boolean; page: number } {
  const pageWord = words.find((w) => /^\d{1,4}$/.test(w));
  return { kind: 'queue', mine: words.some((w) => /^mine$/i.test(w)), page: pageWord ? Math.max(1, Number(pageWord)) : 1 };
}

function parseTrain(words: string[]): TrainCommand {
  const out: TrainCommand = { kind: 'train', swap: false };
  for (const word of words) {
    const w = word.replace(/^lang:/i, '');
    if (w === 'zh' || w === 'en') out.lang = w;
    else if (/^swap$/i.test(w)) out.swap = true;
    else if (word) out.scenarioId = word;
  }
  return out;
}

export const HELP_TEXT = [
  '*Settle* drafts a reply and an offer for a customer complaint; nothing reaches the customer until someone approves it.',
  '• `/settle <customer message>` — file a case; the draft appears as a card with Approve / Edit / Reject.',
  '• `/settle order:TB1001 lang:zh <message>` — with an order id and a reply language.',
  '• `/settle` — open a form (message, order, language, known facts).',
  '• `/settle queue [mine] [PAGE]` — the open cases, next deadline first (App Home shows them too).',
  '• `/settle train [scenario] [zh|en] [swap]` — role-play training: Settle plays the customer in a thread (reply there; Give up ends it) and posts a scorecard. `swap`: you play the customer.',
  REVIEW_HELP,
  '• `/settle help` — this help.',
  'Supervisors approve drafts that need them; nobody approves a draft they wrote or edited. The App Home tab lists open cases with their age against the 1 h / 24 h reply limits.',
].join('\n');
