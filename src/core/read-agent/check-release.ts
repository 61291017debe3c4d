/**
 * The release check (POLICY.md §3–§5): the text that goes out must agree with the offers that
 * go out. Every amount the text names is an offer the releaser's role may grant, the order's
 * total or an item's price, a fact the agent checked, or a figure of the playbook (postage,
 * coupon values); a promise (免单, double refund, cash on top) is an offer too. T-4, P-3, M-1,
 * §4 and T-6 findings of the reader and any link (t.me, wa.me, a URL) refuse the release; T-3
 * stays a warning for the approver.
 * A supervisor fixes the text: no role overrides this check.
 */
import { formatMoney } from '../money.ts';
import type { Playbook } from '../playbook/schema.ts';
import { approvalLevel } from '../policy/caps.ts';
import type { CaseInput, Draft, Role } from '../types.ts';
import { roleAtLeast } from '../workflow/case-state.ts';
import { readAgent, type Finding, type ReadContext } from './read-agent.ts';
import { findLinks, normalizeAgentText, sentenceAt } from './normalize-text.ts';
import { readMoney } from './read-money.ts';
import { EN_NEGATED, ZH_NEGATED } from './rule-patterns.ts';

/** Rules whose findings stop a release; the rest (T-3) are shown as warnings. */
export const BLOCKING_RULES: ReadonlySet<string> = new Set(['T-4', 'P-3', 'M-1', '§4', 'T-6']);

export interface ReleaseRefusal {
  /** The POLICY.md rule, `amount` for a figure no offer or record backs, `link` for a link off the platform's chat. */
  rule: string;
  quote: string;
  reason: string;
}

export interface ReleaseCheck {
  refusals: ReleaseRefusal[];
  /** Non-blocking findings (T-3), for the approver's checklist. */
  warnings: Finding[];
}

export interface ReleaseOptions {
  /** A public reply (review answer): no personal data at all. Default: the private chat. */
  public?: boolean;
  /** The case is marked solved (a later lifecycle state): only then may the reply ask to update a review. */
  solved?: boolean;
}

/** Every figure the text may name, minor units in the order's currency. */
export function allowedAmounts(c: CaseInput, draft: Draft, playbook: Playbook): Set<number> {
  const s = playbook.settings;
  const currency = c.order?.currency ?? draft.offers.find((o) => o.amountMinor !== null)?.currency ?? s.store.homeCurrency;
  const out = new Set<number>();
  const add = (n: number | undefined | null) => {
    if (typeof n === 'number' && n > 0) out.add(n);
  };
  for (const o of draft.offers) add(o.amountMinor);
  if (c.order) {
    add(c.order.totalMinor);
    add(c.order.shippingFeeMinor);
    for (const i of c.order.items) {
      add(i.unitPriceMinor);
      add(i.unitPriceMinor * i.qty);
    }
  }
  const f = c.facts;
  for (const n of [f.priceNowMinor, f.verifiedDifferenceMinor, f.wrongItemValueMinor, f.returnShippingCostMinor]) add(n);
  if (c.order && f.priceNowMinor !== undefined) {
    for (const i of c.order.items) add((i.unitPriceMinor - f.priceNowMinor) * i.qty);
  }
  for (const r of s.postage.regionsMinor) add(r.minor);
  add(s.postage.homeDefaultMinor);
  add(s.postage.otherCountriesMinor[currency]);
  // Coupon and gift values a reply may name; caps (coupons.maxMinor, minorDefectRefund.capMinor) are limits, not offers.
  for (const v of [s.coupons.smallMinor, s.coupons.goodwillMinor, s.giftValueMinor]) add(v[currency]);
  return out;
}

/** The reader's context for a draft's reply. */
export function releaseContext(c: CaseInput, draft: Draft, options: ReleaseOptions = {}): ReadContext {
  const ctx: ReadContext = {
    category: draft.category, subtype: draft.subtype, hostile: draft.rules.includes('M-2'), returnPayer: draft.shipping.return,
    solved: options.solved ?? false, public: options.public ?? false, customerText: c.message,
  };
  if (c.order) ctx.order = c.order;
  return ctx;
}

/** Checks `text` as the reply of `draft` released by `role`. */
export function checkRelease(text: string, c: CaseInput, draft: Draft, playbook: Playbook, role: Role, options: ReleaseOptions = {}): ReleaseCheck {
  const reading = readAgent(text, releaseContext(c, draft, options));
  const refusals: ReleaseRefusal[] = reading.findings
    .filter((f) => BLOCKING_RULES.has(f.rule))
    .map((f) => ({ rule: f.rule, quote: f.sentence, reason: f.family }));
  const warnings = reading.findings.filter((f) => !BLOCKING_RULES.has(f.rule));

  const allowed = allowedAmounts(c, draft, playbook);
  const customerFigures = new Set(readMoney(c.message).map((m) => m.major));
  const currency = c.order?.currency ?? 'CNY';
  for (const m of reading.money) {
    if (m.currency && m.currency !== currency) {
      refusals.push({ rule: 'amount', quote: m.quote, reason: `${m.raw} is not in the order's currency (${currency})` });
      continue;
    }
    if (allowed.has(m.amountMinor)) continue;
    // A refusal may name the customer's own demand: "您要求的500元补偿我们无法提供".
    if ((ZH_NEGATED.test(m.quote) || EN_NEGATED.test(m.quote)) && customerFigures.has(m.major)) continue;
    refusals.push({ rule: 'amount', quote: m.quote, reason: `${formatMoney(m.amountMinor, currency)} is not an offer of this draft, the order's total or an item's price, nor a playbook figure` });
  }
  // The reply stays in the platform's chat (T-5, M-S1): no template carries a link, so none goes out.
  const normalized = normalizeAgentText(text);
  for (const link of findLinks(text)) {
    refusals.push({ rule: 'link', quote: sentenceAt(normalized, normalized.indexOf(link)), reason: `a link (${link}) takes the customer off the platform's chat` });
  }
  const offered = new Set(draft.offers.map((o) => o.kind));
  for (const p of reading.promises) {
    const total = c.order?.totalMinor;
    // 免单: the customer keeps the order and pays nothing — a refund without return of the whole total.
    const fullRefund = draft.offers.some((o) => o.kind === 'refund' && (o.amountMinor === null || o.amountMinor === total));
    if (p.kind === 'free_order' && fullRefund) continue;
    refusals.push({ rule: 'amount', quote: p.quote, reason: `promise (${p.kind}) that no offer of this draft carries` });
  }
  if (offered.size && !roleAtLeast(role, approvalLevel(draft.offers, playbook))) {
    refusals.push({ rule: 'amount', quote: text.slice(0, 80), reason: `the offers need a ${approvalLevel(draft.offers, playbook)} to release` });
  }
  return { refusals: dedupe(refusals), warnings };
}

function dedupe(r: ReleaseRefusal[]): ReleaseRefusal[] {
  const seen = new Set<string>();
  return r.filter((x) => {
    const k = `${x.rule}|${x.quote}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
