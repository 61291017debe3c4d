/**
 * Scores `settle draft` against expected outcomes, one case per JSON line:
 *
 *   {"id": "q5-en-1", "case": <a settle draft input line>, "expect": {
 *     "category": "quality", "subtype": "warranty_repair",
 *     "rules": ["Q-5"],                          // expected ⊆ cited
 *     "offerKinds": ["repair"],                  // in order, as a SUBSEQUENCE of the draft's offers
 *     "shipping": {"outbound": "seller", "return": "seller"},   // either key may be left out
 *     "approval": "agent", "escalate": false,
 *     "amounts": [{"kind": "refund", "amountMinor": 17700}]     // each must match one offer of that kind
 *   }}
 *
 * Every `expect` field is optional: only what is given is checked. Kinds are the contract's, plus
 * the two aliases docs/CONTRACT.md names: `refund` also matches a P-1/P-4 `price_difference`, and
 * `postage` a `refund` of rule §4 (postage the seller reimburses). `offerKinds` is matched as a
 * subsequence (the draft may offer more, but the expected kinds must come in that order); pass
 * `--offers prefix` to require them as the first offers instead. Prints one line per case
 * (`PASS id` or `FAIL id: reason; reason`) and a summary with failures per field. Exit code 0 when
 * every case passes, 1 when any fails or a line is unreadable, 2 for a usage error.
 *
 *   node bin/run-ts.js scripts/score-policy-cases.ts cases.jsonl [--playbook DIR] [--offers subsequence|prefix] [--now ISO]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCaseLine } from '../src/core/contract/parse-case.ts';
import { isUserError } from '../src/core/errors.ts';
import type { Playbook } from '../src/core/playbook/schema.ts';
import { draftCase } from '../src/core/settle-case.ts';
import type { Draft } from '../src/core/types.ts';
import { loadPlaybook } from '../src/playbook/load-playbook.ts';

export type OfferMatch = 'subsequence' | 'prefix';

/** What a case expects; every field optional. */
export interface Expectation {
  category?: string;
  subtype?: string;
  rules?: string[];
  offerKinds?: string[];
  shipping?: { outbound?: string; return?: string };
  approval?: string;
  escalate?: boolean;
  amounts?: { kind: string; amountMinor: number | null }[];
}

/** The fields a failure can name, for the summary. */
export const FIELDS = ['category', 'subtype', 'rules', 'offerKinds', 'shipping', 'approval', 'escalate', 'amounts', 'input'] as const;
export type Field = (typeof FIELDS)[number];

export interface Miss {
  field: Field;
  reason: string;
}

/**
 * The two names docs/CONTRACT.md ("Naming money in a case file") lets a case file use besides the
 * contract's own kinds: `refund` for the refund of a difference (P-1, P-4: kind `price_difference`),
 * and `postage` for postage the seller reimburses (a `refund` of rule §4). Nothing else is an alias.
 */
const ALIASES: Record<string, { kind: string; rules: readonly string[] }> = {
  refund: { kind: 'price_difference', rules: ['P-1', 'P-4'] },
  postage: { kind: 'refund', rules: ['§4'] },
};

/** Does an offer answer an expected kind (the kind itself, or its documented alias)? */
export function kindMatches(want: string, offer: { kind: string; rule?: string }): boolean {
  if (offer.kind === want) return true;
  const alias = ALIASES[want];
  return alias !== undefined && offer.kind === alias.kind && alias.rules.includes(offer.rule ?? '');
}

function isSubsequence(want: readonly string[], got: readonly { kind: string; rule?: string }[]): boolean {
  let i = 0;
  for (const g of got) if (i < want.length && kindMatches(want[i] as string, g)) i++;
  return i === want.length;
}

/** Why `draft` does not meet `expect` (empty when it does). */
export function compareDraft(expect: Expectation, draft: Draft, offers: OfferMatch = 'subsequence'): Miss[] {
  const out: Miss[] = [];
  const show = (x: unknown) => JSON.stringify(x);
  if (expect.category !== undefined && draft.category !== expect.category) {
    out.push({ field: 'category', reason: `category ${draft.category}, expected ${expect.category}` });
  }
  if (expect.subtype !== undefined && draft.subtype !== expect.subtype) {
    out.push({ field: 'subtype', reason: `subtype ${draft.subtype || '—'}, expected ${expect.subtype || '—'}` });
  }
  const missing = (expect.rules ?? []).filter((r) => !draft.rules.includes(r));
  if (missing.length) out.push({ field: 'rules', reason: `rules ${show(draft.rules)} lack ${missing.join(', ')}` });
  if (expect.offerKinds) {
    const kinds = draft.offers.map((o) => o.kind as string);
    const ok = offers === 'prefix'
      ? expect.offerKinds.every((k, i) => draft.offers[i] !== undefined && kindMatches(k, draft.offers[i] as { kind: string; rule?: string }))
      : isSubsequence(expect.offerKinds, draft.offers);
    if (!ok) out.push({ field: 'offerKinds', reason: `offers ${show(kinds)}, expected ${show(expect.offerKinds)} as a ${offers}` });
  }
  for (const side of ['outbound', 'return'] as const) {
    const want = expect.shipping?.[side];
    if (want !== undefined && draft.shipping[side] !== want) {
      out.push({ field: 'shipping', reason: `${side} postage ${draft.shipping[side]}, expected ${want}` });
    }
  }
  if (expect.approval !== undefined && draft.approval !== expect.approval) {
    out.push({ field: 'approval', reason: `approval ${draft.approval}, expected ${expect.approval}` });
  }
  if (expect.escalate !== undefined && draft.escalate !== expect.escalate) {
    out.push({ field: 'escalate', reason: `escalate ${String(draft.escalate)}, expected ${String(expect.escalate)}` });
  }
  const unused = [...draft.offers];
  for (const a of expect.amounts ?? []) {
    // An exact kind first, so an alias never takes an offer another expectation names exactly.
    let at = unused.findIndex((o) => o.kind === a.kind && o.amountMinor === a.amountMinor);
    if (at < 0) at = unused.findIndex((o) => kindMatches(a.kind, o) && o.amountMinor === a.amountMinor);
    if (at >= 0) unused.splice(at, 1);
    else {
      const seen = draft.offers.filter((o) => kindMatches(a.kind, o)).map((o) => o.amountMinor);
      out.push({ field: 'amounts', reason: `no ${a.kind} of ${String(a.amountMinor)} (${a.kind} offers: ${seen.length ? seen.join(', ') : 'none'})` });
    }
  }
  return out;
}

export interface CaseResult {
  id: string;
  misses: Miss[];
}

function expectationOf(raw: unknown): Expectation {
  if (raw === undefined) return {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('"expect" must be an object');
  return raw as Expectation;
}

/** Drafts and scores every line of a JSONL text. Unreadable lines are failures of field `input`. */
export function scoreLines(text: string, playbook: Playbook, opts: { offers?: OfferMatch; now?: Date } = {}): CaseResult[] {
  const now = opts.now ?? new Date();
  const results: CaseResult[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let id = `line ${i + 1}`;
    try {
      const obj = JSON.parse(line) as { id?: unknown; case?: unknown; expect?: unknown };
      if (obj.id !== undefined) id = String(obj.id);
      if (!obj.case || typeof obj.case !== 'object') throw new Error('"case" must be a settle draft input object');
      const caseLine = { id, ...(obj.case as Record<string, unknown>) };
      const draft = draftCase(parseCaseLine(caseLine, now).value, playbook);
      results.push({ id, misses: compareDraft(expectationOf(obj.expect), draft, opts.offers) });
    } catch (e) {
      const message = isUserError(e) || e instanceof Error ? e.message : String(e);
      results.push({ id, misses: [{ field: 'input', reason: message.split('\n')[0] ?? 'unreadable line' }] });
    }
  });
  return results;
}

/** The report: one line per case, then the summary with failures per field. */
export function renderReport(results: readonly CaseResult[]): string {
  const lines = results.map((r) => (r.misses.length ? `FAIL ${r.id}: ${r.misses.map((m) => m.reason).join('; ')}` : `PASS ${r.id}`));
  const passed = results.filter((r) => r.misses.length === 0).length;
  const pct = results.length ? Math.round((passed / results.length) * 1000) / 10 : 0;
  lines.push('', `${passed}/${results.length} cases pass (${pct} %)`);
  const byField = FIELDS.map((f) => [f, results.filter((r) => r.misses.some((m) => m.field === f)).length] as const).filter(([, n]) => n > 0);
  if (byField.length) lines.push(`failing by field: ${byField.map(([f, n]) => `${f} ${n}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { playbook: { type: 'string' }, offers: { type: 'string' }, now: { type: 'string' } } });
  } catch (e) {
    process.stderr.write(`score-policy-cases: ${(e as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const offers = (values.offers ?? 'subsequence') as OfferMatch;
  if (positionals.length !== 1 || !['subsequence', 'prefix'].includes(offers)) {
    process.stderr.write('usage: score-policy-cases.ts CASES.jsonl [--playbook DIR] [--offers subsequence|prefix] [--now ISO]\n');
    return 2;
  }
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    process.stderr.write(`score-policy-cases: --now '${values.now}' is not an ISO-8601 date\n`);
    return 2;
  }
  let text: string;
  let playbook: Playbook;
  try {
    text = readFileSync(resolve(positionals[0] as string), 'utf8');
    playbook = loadPlaybook(values.playbook ?? resolve(import.meta.dirname, '..', 'playbooks'));
  } catch (e) {
    process.stderr.write(`score-policy-cases: ${(e as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  const results = scoreLines(text, playbook, { offers, now });
  process.stdout.write(renderReport(results));
  return results.every((r) => r.misses.length === 0) ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = main(process.argv.slice(2));
}
