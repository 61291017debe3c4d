/**
 * Shared test helpers for the policy tests: the real playbook, cases and classifications built
 * directly (the classifier is tested on its own; these tests pin the policy).
 */
import { expect } from 'vitest';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';
import { decide } from '../../../src/core/policy/decide.ts';
import {
  categoryOf, type CaseInput, type Classification, type DisputeCategory, type Draft, type Facts, type Lang, type Order,
  type Subtype,
} from '../../../src/core/types.ts';

export const playbook = loadPlaybook('playbooks');

export const NOW = new Date('2026-11-24T10:00:00+08:00');

/** ISO time `days` before NOW. */
export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * 86_400_000).toISOString();
}

/** A one-line CNY order in 浙江 (江浙沪 postage ¥6), delivered 2 days ago. */
export function order(over: Partial<Order> = {}): Order {
  return {
    id: 'T1001',
    currency: 'CNY',
    items: [{ sku: 'TS-W', name: '白色T恤', unitPriceMinor: 5900, qty: 3 }],
    totalMinor: 17700,
    shippingFeeMinor: 0,
    freeShipping: true,
    region: '浙江',
    status: 'delivered',
    paidAt: daysAgo(5),
    shippedAt: daysAgo(4),
    deliveredAt: daysAgo(2),
    sevenDayReturn: true,
    warrantyMonths: 12,
    ...over,
  };
}

/** An order with a low-value part next to the main item. */
export function orderWithPart(): Order {
  return order({
    items: [
      { sku: 'LAMP', name: '台灯', unitPriceMinor: 12900, qty: 1 },
      { sku: 'SCREW', name: '螺丝配件', unitPriceMinor: 100, qty: 1 },
    ],
    totalMinor: 13000,
  });
}

export function makeCase(facts: Facts = {}, over: Partial<CaseInput> = {}): CaseInput {
  return { id: 'c1', message: '(customer message)', now: NOW, order: order(), facts, ...over };
}

export function cls(subtype: Subtype, lang: Lang = 'zh', over: Partial<Classification> = {}): Classification {
  return { category: categoryOf(subtype), subtype, confidence: 0.9, secondary: [] as DisputeCategory[], signals: [], lang, ...over };
}

/** decide() a subtype with facts (and optional case overrides). */
export function draftFor(subtype: Subtype, facts: Facts = {}, over: Partial<CaseInput> = {}, lang: Lang = 'zh'): Draft {
  return decide(makeCase(facts, over), playbook, cls(subtype, lang));
}

/** `kind:amount` per offer, in try-order, for compact assertions. */
export function offerSummary(d: Draft): string[] {
  return d.offers.map((o) => (o.amountMinor === null ? o.kind : `${o.kind}:${o.amountMinor}`));
}

/** One row of a handler table: a case (subtype, facts, overrides) and what its draft must show. */
export interface PolicyRow {
  name: string;
  subtype: Subtype;
  facts?: Facts;
  over?: Partial<CaseInput>;
  lang?: Lang;
  offers: string[];
  shipping?: [string, string];
  approval?: 'agent' | 'supervisor';
  escalate?: boolean;
  replyHas?: string[];
  replyLacks?: string[];
  questions?: string[];
  rules?: string[];
  checklistHas?: string[];
}

/** Drafts the row's case and checks every expectation the row states; returns the draft. */
export function expectRow(row: PolicyRow): Draft {
  const d = draftFor(row.subtype, row.facts, row.over, row.lang);
  expect(offerSummary(d)).toEqual(row.offers);
  if (row.shipping) expect([d.shipping.outbound, d.shipping.return]).toEqual(row.shipping);
  if (row.approval) expect(d.approval).toBe(row.approval);
  for (const s of row.replyHas ?? []) expect(d.reply.text).toContain(s);
  for (const s of row.replyLacks ?? []) expect(d.reply.text).not.toContain(s);
  if (row.questions) expect(d.questions.map((q) => q.fact)).toEqual(expect.arrayContaining(row.questions));
  for (const r of row.rules ?? []) expect(d.rules).toContain(r);
  for (const s of row.checklistHas ?? []) expect(d.checklist.join('\n')).toContain(s);
  return d;
}
