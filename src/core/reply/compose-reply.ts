/**
 * The reply composer (POLICY.md §5): empathy first (T-1), a sincere apology when the store is
 * at fault (T-2), what happens (the handler's situations), the concrete next step and time from
 * the §6 SLAs (T-7), a warm close. Words come from the playbook's precompiled templates; the
 * composer never quotes the customer's message, and redacts any personal data that reaches it
 * through order fields (T-6).
 */
import { formatMoney } from '../money.ts';
import type { CompiledEntry, CompiledReplies } from '../playbook/schema.ts';
import type { Commitment, EmpathyKey } from '../playbook/keys.ts';
import { renderTemplate, type TemplateVars } from '../playbook/template.ts';
import type { StoreSettings } from '../playbook/store-schema.ts';
import type { Lang } from '../types.ts';
import type { Decision } from '../policy/decision.ts';
import { findPersonalData, redactPersonalData } from './guard.ts';

/** The customer-facing text and the rules its templates cite. */
export interface ComposedReply {
  lang: Lang;
  text: string;
  /** Rule IDs the used templates cite (T-1, T-2, T-7, the situation's rule …). */
  rules: string[];
}

/** Hours in the reply language: `1 hour`, `24 hours`, `1小时`. */
function formatHours(h: number, lang: Lang): string {
  if (lang === 'zh') return `${h}小时`;
  return h === 1 ? '1 hour' : `${h} hours`;
}

const SLA_HOURS: Record<Exclude<Commitment, 'inspection'>, keyof StoreSettings['sla']> = {
  reship_tracking: 'reshipTrackingHours',
  refund_unshipped: 'refundUnshippedHours',
  refund_after_return: 'refundAfterReturnHours',
  return_pickup: 'returnPickupHours',
  tracking_update: 'trackingUpdateHours',
  courier_check: 'courierCheckHours',
  verify: 'verifyHours',
  supervisor_review: 'supervisorReviewHours',
  follow_up: 'followUpHours',
  after_choice: 'actOnChoiceHours',
  // §6: the first reply to a complaint comes within the hour.
  reply_on_platform: 'firstReplyHours',
};

/** English sentences start with a capital even when a placeholder ("your item") opens them. */
function capitalise(s: string, lang: Lang): string {
  return lang === 'en' && s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** Everything the composer needs: templates, SLAs, the order currency and the decision. */
export interface ComposeInput {
  replies: CompiledReplies;
  settings: StoreSettings;
  currency: string;
  empathyKey: EmpathyKey;
  decision: Decision;
}

/** Compose the customer-facing reply for a decision. */
export function composeReply(input: ComposeInput): ComposedReply {
  const { replies: r, settings: s, currency, decision: d } = input;
  const lang = r.lang;
  const money = (m: number | null | undefined) =>
    m === null || m === undefined ? r.words.amount : formatMoney(m, currency);
  const base: TemplateVars = {
    item: d.vars.item ?? r.words.item,
    amount: money(d.vars.amountMinor),
    amount2: money(d.vars.amount2Minor),
    percent: d.vars.percent === undefined ? '' : String(d.vars.percent),
    postage: money(d.vars.postageMinor),
    hours: '',
    days: d.vars.days === undefined ? '' : String(d.vars.days),
  };
  const rules: string[] = [];
  const parts: string[] = [];
  const say = (e: CompiledEntry, vars: TemplateVars) => {
    parts.push(capitalise(renderTemplate(e.template, vars), lang));
    for (const id of e.rules) rules.push(id);
  };
  say(r.empathy[input.empathyKey], base);
  if (d.atFault) say(r.apology, base);
  for (const sit of d.situations) say(r.situations[sit], base);
  for (const c of d.commitments) {
    if (c === 'inspection') {
      const w = s.sla.inspectionWorkdays;
      say(r.commitments[c], { ...base, days: w.min === w.max ? String(w.min) : `${w.min}–${w.max}` });
    } else {
      say(r.commitments[c], { ...base, hours: formatHours(s.sla[SLA_HOURS[c]] as number, lang) });
    }
  }
  say(r.closing, base);
  let text = parts.join(lang === 'zh' ? '' : ' ');
  // T-6: an order field (an item name, a region) must not carry a phone or address into the reply.
  if (findPersonalData(text).length) text = redactPersonalData(text);
  return { lang, text, rules };
}
