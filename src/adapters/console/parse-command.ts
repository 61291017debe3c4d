/**
 * One console line → one command. Lines starting with `/` are commands; any other text is a
 * new complaint from the current agent. A case id (`c12`, or `#12`) is optional where the
 * command acts on a case: the case the person acting last opened is meant. Anything else where a
 * case id stands (`/approve 1`) is refused, so a typo never acts on another case.
 */
import type { Lang, Role } from '../../core/types.ts';

export type ConsoleCommand =
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'whoami' }
  | { kind: 'as'; role: Role; name: string }
  | { kind: 'new'; text: string; orderId?: string; lang?: Lang; /** typed without /new: may be a mistyped command */ bare?: boolean }
  | { kind: 'show'; caseId?: string }
  | { kind: 'answer'; caseId?: string; target: string; value: string }
  | { kind: 'edit-reply'; caseId?: string; text: string }
  | { kind: 'edit-offer'; caseId?: string; offer: number; amount: string }
  | { kind: 'approve'; caseId?: string }
  | { kind: 'reject'; caseId?: string; reason: string }
  | { kind: 'lifecycle'; caseId?: string; move: import('../../chat/lifecycle-flow.ts').LifecycleRequest }
  | { kind: 'queue'; mine: boolean; page: number }
  | { kind: 'history'; caseId?: string }
  | { kind: 'label'; caseId?: string; category: string; subtype?: string }
  | { kind: 'order'; orderId: string }
  | { kind: 'train'; scenarioId?: string; swap: boolean }
  | { kind: 'say'; text: string }
  | { kind: 'giveup' }
  | { kind: 'empty' };

export type Parsed = ConsoleCommand | { kind: 'error'; message: string };

const CASE_ID = /^(?:c|#)(\d+)$/i;

function takeCaseId(words: string[]): string | undefined {
  const m = words[0] !== undefined ? CASE_ID.exec(words[0]) : null;
  if (!m) return undefined;
  words.shift();
  return `c${m[1]}`;
}

/** A word left over where only a case id may stand (`/approve 1`): refused, never ignored. */
function strayWord(command: string, words: string[]): Parsed | undefined {
  const [word] = words;
  if (word === undefined) return undefined;
  if (/^\d+$/.test(word)) return { kind: 'error', message: `'${word}' is not a case id: case ids look like c${word} (or #${word}). Nothing was done.` };
  return { kind: 'error', message: `/${command} takes only a case id (c1); '${word}' is not one. Nothing was done.` };
}

const withCase = <T extends object>(caseId: string | undefined, rest: T): T & { caseId?: string } => (caseId ? { ...rest, caseId } : rest);

function parseNew(words: string[]): Parsed {
  let orderId: string | undefined;
  let lang: Lang | undefined;
  const text: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '--order' || w === '-o') {
      orderId = words[++i];
      if (!orderId) return { kind: 'error', message: '--order needs an order id, e.g. --order T1001' };
    } else if (w.startsWith('--order=')) {
      orderId = w.slice('--order='.length);
    } else if (w === '--lang') {
      const l = words[++i];
      if (l !== 'zh' && l !== 'en') return { kind: 'error', message: '--lang is zh or en' };
      lang = l;
    } else {
      text.push(w);
    }
  }
  const joined = text.join(' ').trim();
  if (joined === '') return { kind: 'error', message: 'Type the customer’s message after /new (or just type it without a slash).' };
  return { kind: 'new', text: joined, ...(orderId ? { orderId } : {}), ...(lang ? { lang } : {}) };
}

/** Words that are commands when typed with a slash; typed bare they are likely a slip. */
const COMMAND_WORDS = new Set(['execute', 'returned', 'followup', 'resolve', 'reopen', 'help', 'h', 'quit', 'exit', 'q', 'clear', 'cls', 'whoami', 'as', 'new', 'show', 'case', 'answer', 'edit', 'approve', 'ok', 'yes', 'y', 'no', 'n', 'reject', 'queue', 'list', 'ls', 'history', 'log', 'label', 'order', 'train', 'say', 'giveup', 'undo', 'cancel', 'stop', 'bye', 'menu', '帮助', '退出', '清屏', '取消']);

/**
 * A bare line that is probably not a customer's message: a command word without its slash, or
 * one short Latin word. The console asks before filing it (a filed case cannot be deleted).
 */
export function looksLikeSlip(text: string): boolean {
  const t = text.trim().toLowerCase();
  return COMMAND_WORDS.has(t) || /^[a-z]{1,12}[.!?]?$/.test(t);
}

/** Parses one input line. */
export function parseCommand(line: string): Parsed {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (!trimmed.startsWith('/')) return { kind: 'new', text: trimmed, bare: true };
  const [head = '', ...words] = trimmed.slice(1).split(/\s+/);
  const name = head.toLowerCase();
  switch (name) {
    case 'help': case 'h': case '?':
      return { kind: 'help' };
    case 'quit': case 'exit': case 'q':
      return { kind: 'quit' };
    case 'whoami':
      return { kind: 'whoami' };
    case 'as': {
      const [role, ...nameWords] = words;
      if ((role !== 'agent' && role !== 'supervisor') || nameWords.length === 0) return { kind: 'error', message: 'Usage: /as agent NAME  or  /as supervisor NAME' };
      const who = nameWords.join(' ');
      if (!/^[\p{L}\p{N}_.-]{1,40}$/u.test(who)) return { kind: 'error', message: 'A name is one word: letters, digits, _ . -' };
      return { kind: 'as', role, name: who };
    }
    case 'new': case 'n':
      return parseNew(words);
    case 'show': case 's': case 'case': {
      const caseId = takeCaseId(words);
      return strayWord(name, words) ?? withCase(caseId, { kind: 'show' as const });
    }
    case 'answer': case 'a': {
      const caseId = takeCaseId(words);
      const [target, ...value] = words;
      if (!target || value.length === 0) return { kind: 'error', message: 'Usage: /answer [CASE] N VALUE   (N = question number or fact name; VALUE yes/no, an amount, a SKU)' };
      return withCase(caseId, { kind: 'answer' as const, target, value: value.join(' ') });
    }
    case 'edit': case 'e': {
      const caseId = takeCaseId(words);
      const [what, ...rest] = words;
      if (what === 'reply' && rest.length > 0) return withCase(caseId, { kind: 'edit-reply' as const, text: rest.join(' ') });
      if (what === 'offer' && rest.length === 2 && /^\d+$/.test(rest[0] as string)) {
        return withCase(caseId, { kind: 'edit-offer' as const, offer: Number(rest[0]), amount: rest[1] as string });
      }
      return { kind: 'error', message: 'Usage: /edit [CASE] reply NEW TEXT   or   /edit [CASE] offer N AMOUNT' };
    }
    case 'approve': case 'ok': {
      const caseId = takeCaseId(words);
      return strayWord(name, words) ?? withCase(caseId, { kind: 'approve' as const });
    }
    case 'reject': {
      const caseId = takeCaseId(words);
      // `/reject 1 …` is a mistyped case id, not a reason starting with 1.
      if (!caseId && words[0] !== undefined && /^\d+$/.test(words[0])) return strayWord(name, words) as Parsed;
      const reason = words.join(' ').trim();
      if (!reason) return { kind: 'error', message: 'Usage: /reject [CASE] REASON' };
      return withCase(caseId, { kind: 'reject' as const, reason });
    }
    case 'execute': case 'returned': case 'followup': case 'resolve': case 'reopen':
      return parseLifecycle(name, words);
    case 'queue': case 'list': case 'ls': {
      const mine = words[0] === 'mine';
      const rest = mine ? words.slice(1) : words;
      if (rest.length > 1 || (rest[0] !== undefined && !/^[1-9]\d{0,5}$/.test(rest[0]))) return { kind: 'error', message: 'Usage: /queue [mine] [PAGE]   (PAGE 2 shows cases 51–100)' };
      return { kind: 'queue', mine, page: rest[0] ? Number(rest[0]) : 1 };
    }
    case 'history': case 'log': {
      const caseId = takeCaseId(words);
      return strayWord(name, words) ?? withCase(caseId, { kind: 'history' as const });
    }
    case 'label': {
      const caseId = takeCaseId(words);
      const [category, subtype, ...extra] = words;
      if (!category || extra.length > 0) return { kind: 'error', message: 'Usage: /label [CASE] CATEGORY [SUBTYPE]   e.g. /label c4 price price_drop  (or just the subtype: /label c4 price_drop)' };
      return withCase(caseId, { kind: 'label' as const, category, ...(subtype ? { subtype } : {}) });
    }
    case 'order': {
      const [orderId] = words;
      return orderId ? { kind: 'order', orderId } : { kind: 'error', message: 'Usage: /order ORDER_ID' };
    }
    case 'train': {
      const swap = words.includes('--swap');
      const [scenarioId, ...extra] = words.filter((w) => w !== '--swap');
      if (extra.length > 0) return { kind: 'error', message: 'Usage: /train [SCENARIO] [--swap]' };
      return { kind: 'train', swap, ...(scenarioId ? { scenarioId } : {}) };
    }
    case 'say': {
      const text = words.join(' ').trim();
      return text ? { kind: 'say', text } : { kind: 'error', message: 'Usage: /say WHAT YOU REPLY (in a training session)' };
    }
    case 'giveup':
      return { kind: 'giveup' };
    default:
      return { kind: 'error', message: `Unknown command /${name}. Type /help.` };
  }
}

const RECORD_KEYS = { tracking: 'trackingNumber', refund: 'refundId', ticket: 'repairTicket' } as const;

/** `/execute [CASE] tracking SF1 [NOTE…]`, `/returned`, `/followup send|solved…`, `/resolve [NOTE]`, `/reopen REASON`. */
function parseLifecycle(name: string, words: string[]): Parsed {
  const caseId = takeCaseId(words);
  const rest = words.join(' ').trim();
  switch (name) {
    case 'execute': {
      const [kind = '', value, ...note] = words;
      const key = RECORD_KEYS[kind.toLowerCase() as keyof typeof RECORD_KEYS];
      if (!key || !value) return { kind: 'error', message: 'Usage: /execute [CASE] tracking|refund|ticket VALUE [NOTE]   (what was done: a tracking number, a refund id, a repair ticket)' };
      return withCase(caseId, { kind: 'lifecycle' as const, move: { action: 'execute' as const, record: { [key]: value, ...(note.length ? { note: note.join(' ') } : {}) } } });
    }
    case 'returned':
      return strayWord(name, words) ?? withCase(caseId, { kind: 'lifecycle' as const, move: { action: 'return_arrived' as const } });
    case 'followup': {
      const [what = '', mood, ...note] = words.map((w, i) => (i < 2 ? w.toLowerCase() : w));
      if (what === 'send' && words.length === 1) return withCase(caseId, { kind: 'lifecycle' as const, move: { action: 'send_followup' as const } });
      if (!['solved', 'unsolved', 'unreachable'].includes(what)) return { kind: 'error', message: 'Usage: /followup [CASE] send   or   /followup [CASE] solved|unsolved|unreachable [satisfied|unsatisfied] [NOTE]' };
      const satisfied = mood === 'satisfied' ? true : mood === 'unsatisfied' ? false : undefined;
      const noteWords = satisfied === undefined && mood !== undefined ? [words[1] as string, ...note] : note;
      const answer = { solved: what === 'solved', ...(satisfied !== undefined ? { satisfied } : {}), ...(what === 'unreachable' ? { unreachable: true } : {}), ...(noteWords.length ? { note: noteWords.join(' ') } : {}) };
      return withCase(caseId, { kind: 'lifecycle' as const, move: { action: 'follow_up' as const, answer } });
    }
    case 'resolve':
      return withCase(caseId, { kind: 'lifecycle' as const, move: { action: 'resolve' as const, ...(rest ? { note: rest } : {}) } });
    default:
      if (!rest) return { kind: 'error', message: 'Usage: /reopen [CASE] REASON' };
      return withCase(caseId, { kind: 'lifecycle' as const, move: { action: 'reopen' as const, reason: rest } });
  }
}
