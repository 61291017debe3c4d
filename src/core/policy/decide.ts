/**
 * decide(): a classified case → a Draft, by the playbook. First routes by context (route.ts: the
 * order and the agent's facts decide with the classification), then one handler per category;
 * §4 rows 1/5/6 and M-2 apply after the handler (shipping-rows.ts). With no usable reading, fact
 * or order context, a case goes to a human with no offer (never a guess). Pure: the clock is
 * `c.now`, the policy is the playbook.
 */
import type { Playbook } from '../playbook/schema.ts';
import { isEmpathyKey, type EmpathyKey } from '../playbook/keys.ts';
import { composeReply } from '../reply/compose-reply.ts';
import {
  SUBTYPES, type CaseInput, type Category, type Classification, type DisputeCategory, type Draft,
  type Question,
} from '../types.ts';
import { isCrossBorder, makeContext, type CaseContext } from './case-context.ts';
import { renderTemplate } from '../playbook/template.ts';
import { checkOffers } from './caps.ts';
import type { Decision } from './decision.ts';
import { decideLogistics } from './logistics.ts';
import { decideMalicious } from './malicious.ts';
import { decideOther } from './other.ts';
import { decidePrice } from './price.ts';
import { decideQuality } from './quality.ts';
import { routeCase, type Route } from './route.ts';
import { safetyIncident } from './safety.ts';
import { applyHostile, applyShippingRows } from './shipping-rows.ts';

type Handler = (ctx: CaseContext, subtype: string, route: Route) => Decision;

function belongs<C extends DisputeCategory>(category: C, subtype: string): subtype is (typeof SUBTYPES)[C][number] {
  return (SUBTYPES[category] as readonly string[]).includes(subtype);
}

/** One handler per category: a new category fails to compile until it has one. */
const HANDLERS: Record<Category, Handler> = {
  logistics: (ctx, st) => (belongs('logistics', st) ? decideLogistics(ctx, st) : decideOther(ctx)),
  quality: (ctx, st) => (belongs('quality', st) ? decideQuality(ctx, st) : decideOther(ctx)),
  price: (ctx, st) => (belongs('price', st) ? decidePrice(ctx, st) : decideOther(ctx)),
  malicious: (ctx, st, route) => decideMalicious(ctx, belongs('malicious', st) ? st : '', route.reasons.some((r) => r.startsWith('secondary:'))),
  other: (ctx) => decideOther(ctx),
};

/** The opener: safety, the shared malicious or other one, else the subtype's own (other when it has none). */
function empathyKeyOf(route: { safety?: boolean; category: Category; subtype: string }): EmpathyKey {
  if (route.safety) return 'safety';
  if (route.category === 'malicious' || route.category === 'other') return route.category;
  return isEmpathyKey(route.subtype) ? route.subtype : 'other';
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/**
 * Decide a case: offers in try-order, shipping payers, approval level, escalation, checklist,
 * questions and the reply, all from `playbook`. `c.lang` wins over the classifier's language.
 */
export function decide(c: CaseInput, playbook: Playbook, classification: Classification): Draft {
  const lang = c.lang ?? classification.lang;
  const ctx = makeContext(c, playbook, lang);
  // Routing by context: the order and the agent's facts decide together with the words (route.ts).
  const route = routeCase(c, playbook, classification);
  const { category, subtype } = route;
  let d = route.safety ? safetyIncident(ctx) : HANDLERS[category](ctx, subtype, route);
  if (category !== 'malicious' && category !== 'other' && !route.safety) d = applyShippingRows(ctx, d, subtype);
  // M-2: a real problem in a hostile message is handled by its rule, after a supervisor reviews the signals.
  if (route.hostile && category !== 'malicious' && category !== 'other') d = applyHostile(ctx, d);
  if (!c.order) d.checklist.unshift('look_up_order');
  // §6: a cross-border platform dispute left unanswered is refunded by the platform.
  if (category !== 'other' && isCrossBorder(ctx)) d.checklist.push('cross_border_deadline');

  const empathyKey = empathyKeyOf(route);
  const reply = composeReply({ replies: ctx.replies, settings: ctx.settings, currency: ctx.currency, empathyKey, decision: d });

  const questionFacts = unique(d.questions);
  const questions: Question[] = questionFacts.map((fact) => ({ fact, text: ctx.replies.questions[fact] }));
  const days = String(ctx.settings.sla.crossBorderDisputeDays);
  const checklist = unique(d.checklist).map((k) =>
    renderTemplate(ctx.replies.checklist[k], { item: '', amount: '', amount2: '', percent: '', postage: '', hours: '', days }));
  if (questionFacts.length) {
    checklist.push(lang === 'zh' ? `${ctx.replies.defaultsNote}${questionFacts.join('、')}` : `${ctx.replies.defaultsNote} ${questionFacts.join(', ')}`);
  }

  const draft: Draft = {
    id: c.id,
    category,
    subtype,
    confidence: classification.confidence,
    rules: unique([...d.rules, ...d.offers.map((o) => o.rule), ...reply.rules]),
    offers: d.offers,
    shipping: d.shipping,
    approval: 'agent',
    escalate: d.escalate,
    reply: { lang: reply.lang, text: reply.text },
    checklist,
    questions,
    classification,
    playbookVersion: playbook.version,
  };
  // The draft is agent-level only if an agent could release every offer as it stands.
  const agentBlocked = checkOffers(c, draft, d.offers, 'agent', playbook).length > 0;
  draft.approval = d.forceSupervisor || d.escalate || agentBlocked ? 'supervisor' : 'agent';
  return draft;
}

