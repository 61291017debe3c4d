/**
 * The check a polished reply must pass before it replaces the template. The template is the
 * policy's reply; the polish may change the wording, never the substance:
 *
 * - numbers: exactly those of the template (every one kept, none added; offer amounts allowed);
 * - offers: no promise the template does not carry (refund, compensation, coupon, "full" …),
 *   and every offer the template states still stated;
 * - no taboo phrase (T-3, T-4), no personal data the template did not have (T-6), no new link;
 * - same language, sensible length, no markup, nothing copied from our prompts, no talk of
 *   instructions or system prompts (the model repeating an injection).
 */
import { toMajor } from '../core/money.ts';
import { readAgent } from '../core/read-agent/read-agent.ts';
import { findLinks } from '../core/read-agent/normalize-text.ts';
import { readMoney, readPromises } from '../core/read-agent/read-money.ts';
import { findPersonalData, findTaboos } from '../core/reply/guard.ts';
import type { Draft } from '../core/types.ts';
import { detectInjection } from './detect-injection.ts';
import { OFFER_CONCEPTS, readConcepts, type Concept } from './offer-concepts.ts';
import { readAmounts, readIdentifiers, readItemCounts } from './read-amounts.ts';

export type Verdict = { ok: true } | { ok: false; reason: string };

/** Share of CJK ideographs among letters (CJK + Latin). */
export function cjkShare(text: string): number {
  const cjk = (text.match(/[\u3400-\u9FFF\uF900-\uFAFF]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return cjk + latin === 0 ? 0 : cjk / (cjk + latin);
}

/** Lower-case, no whitespace: the form prompt-leak windows are compared in. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const LEAK_WINDOW = 24;

/** Does `text` repeat a run of `LEAK_WINDOW` characters from any secret (our prompt files)? */
export function leaksSecret(text: string, secrets: readonly string[]): boolean {
  const t = fold(text);
  if (t.length < LEAK_WINDOW) return false;
  return secrets.some((secret) => {
    const s = fold(secret);
    for (let i = 0; i + LEAK_WINDOW <= t.length; i += 4) if (s.includes(t.slice(i, i + LEAK_WINDOW))) return true;
    return false;
  });
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/**
 * Verify `polished` against the draft whose template reply it rewrites. `customerMessage` only
 * lends its item counts ("三件只到两件"): its amounts never become allowed numbers.
 */
export function verifyPolish(polished: string, draft: Draft, secrets: readonly string[], customerMessage = ''): Verdict {
  const template = draft.reply.text;
  const lang = draft.reply.lang;
  const text = polished.trim();
  if (!text) return { ok: false, reason: 'empty' };

  const min = Math.max(8, Math.floor([...template].length * 0.4));
  const max = [...template].length * 2 + 40;
  const len = [...text].length;
  if (len < min) return { ok: false, reason: `too_short:${len}<${min}` };
  if (len > max) return { ok: false, reason: `too_long:${len}>${max}` };

  if (leaksSecret(text, secrets)) return { ok: false, reason: 'prompt_leak' };
  // A reply that talks about instructions or system prompts is the model obeying the customer.
  const injected = detectInjection(text);
  if (injected.suspicious) return { ok: false, reason: `instruction_text:${injected.markers.join(',')}` };
  if (/<\s*\/?\s*[A-Za-z_|]|\{\s*"/.test(text) && !/<\s*\/?\s*[A-Za-z_|]|\{\s*"/.test(template)) return { ok: false, reason: 'markup' };
  const share = cjkShare(text);
  if (lang === 'zh' ? share < 0.5 : share > 0.05) return { ok: false, reason: `language:${share.toFixed(2)}` };

  // Order and tracking numbers the customer wrote may be repeated; they are not amounts.
  const ids = readIdentifiers(customerMessage).sort((a, b) => b.length - a.length);
  const withoutIds = (s: string) => ids.reduce((acc, id) => acc.split(id).join(' '), s.normalize('NFKC'));
  const templateNumbers = readAmounts(withoutIds(template));
  const offerNumbers = draft.offers.flatMap((o) => (o.amountMinor === null ? [] : [toMajor(o.amountMinor, o.currency)]));
  const allowed = [...templateNumbers, ...offerNumbers, ...readItemCounts(customerMessage)];
  const stated = readAmounts(withoutIds(text));
  const added = stated.find((n) => !allowed.some((a) => same(a, n)));
  if (added !== undefined) return { ok: false, reason: `new_number:${added}` };
  const dropped = templateNumbers.find((n) => !stated.some((s) => same(s, n)));
  if (dropped !== undefined) return { ok: false, reason: `dropped_number:${dropped}` };

  const templateConcepts = readConcepts(template);
  const offerConcepts = new Set<Concept>(draft.offers.flatMap((o) => OFFER_CONCEPTS[o.kind]));
  const concepts = readConcepts(text);
  const newConcept = [...concepts].find((c) => !templateConcepts.has(c) && !(offerConcepts.has(c) && c !== 'full_amount' && c !== 'cash'));
  if (newConcept) return { ok: false, reason: `new_promise:${newConcept}` };
  for (const offer of draft.offers) {
    const stating = OFFER_CONCEPTS[offer.kind].filter((c) => templateConcepts.has(c));
    if (stating.length > 0 && !stating.some((c) => concepts.has(c))) return { ok: false, reason: `dropped_offer:${offer.kind}` };
  }

  const templateTaboos = new Set(findTaboos(template, lang).map((t) => t.quote));
  const taboo = findTaboos(text, lang).find((t) => !templateTaboos.has(t.quote));
  if (taboo) return { ok: false, reason: `taboo:${taboo.rule}` };

  const templatePersonal = findPersonalData(template);
  if (findPersonalData(text).some((p) => !templatePersonal.includes(p))) return { ok: false, reason: 'personal_data' };
  const templateLinks = findLinks(template);
  if (findLinks(text).some((l) => !templateLinks.includes(l))) return { ok: false, reason: 'new_link' };

  // The agent reader (src/core/read-agent): amounts in words and Chinese numerals (伍佰元, five
  // grand), promises (免单, 双倍) and T-4/P-3/M-1/§4/T-6 in any wording, as at release.
  const templateMoney = readMoney(template).map((m) => m.major);
  const newMoney = readMoney(text).find((m) => ![...templateMoney, ...offerNumbers].some((a) => same(a, m.major)));
  if (newMoney) return { ok: false, reason: `new_number:${newMoney.major}` };
  const templatePromises = new Set(readPromises(template).map((p) => p.kind));
  const promise = readPromises(text).find((p) => !templatePromises.has(p.kind));
  if (promise) return { ok: false, reason: `new_promise:${promise.kind}` };
  const ctx = { category: draft.category, returnPayer: draft.shipping.return, customerText: customerMessage };
  const known = new Set(readAgent(template, ctx).findings.map((f) => `${f.rule}:${f.family}`));
  const finding = readAgent(text, ctx).findings.find((f) => !known.has(`${f.rule}:${f.family}`));
  if (finding) return { ok: false, reason: finding.rule === 'T-6' ? 'personal_data' : finding.rule.startsWith('T-') ? `taboo:${finding.rule}` : `rule:${finding.rule}` };

  return { ok: true };
}
