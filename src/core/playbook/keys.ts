/**
 * The fixed vocabularies a playbook's reply files must fill: one situation text per handler
 * branch, one commitment per §6 time limit, agent checklist items. Handlers and the composer
 * refer to these keys; the parser insists every key has a text in every language, so a handler
 * can never reach a branch with no reply.
 */
import { SUBTYPES, type DisputeCategory, type SubtypeOf } from '../types.ts';

/** One reply situation per handler branch, named after the rule it implements. */
export const SITUATIONS = [
  'L-1.restock', 'L-1.restock_cross_border', 'L-1.no_restock', 'L-1.refund', 'L-1.checking',
  'L-1.alternative', 'L-1.wait_or_refund', 'L-1.penalty',
  'L-2.updated', 'L-2.updating',
  'L-3.in_transit', 'L-3.delivered_not_received', 'L-3.out_of_zone', 'L-3.failed', 'L-3.customs',
  'L-4.under_shipped', 'L-4.low_value', 'L-4.not_under_shipped', 'L-4.checking',
  'L-5.customer_ordered', 'L-5.keep_discount', 'L-5.exchange', 'L-5.low_value', 'L-5.checking',
  'L-6.promo', 'L-6.promo_coupon',
  'L-7.reship',
  'L-8.expedite',
  'Q-1.offer', 'Q-1.return',
  'Q-2.check_use', 'Q-2.misuse', 'Q-2.return', 'Q-2.keep', 'Q-2.safety',
  'Q-3.listing_wrong', 'Q-3.listing_ok', 'Q-3.checking',
  'Q-4.invoice', 'Q-4.return', 'Q-4.checking',
  'Q-5.in_warranty', 'Q-5.out_of_warranty', 'Q-5.checking', 'Q-5.repaired_elsewhere',
  'Q-6.return', 'Q-6.not_eligible',
  'P-1.refund_difference', 'P-1.outside_window', 'P-1.no_drop', 'P-1.checking',
  'P-2.refund_fee', 'P-2.explain', 'P-2.honour_listing', 'P-2.first_weight',
  'P-3.duplicate', 'P-3.no_duplicate', 'P-3.checking',
  'P-4.refund', 'P-4.checking',
  'M-1.neutral_delivered', 'M-1.neutral', 'M-1.reported', 'M-1.off_platform',
  'M-2.review',
  '§4.late_shipment', '§4.postage_undiscussed', '§4.agent_error',
  'other.clarify',
] as const;
export type Situation = (typeof SITUATIONS)[number];

/** T-7 commitments, each tied to a §6 time limit in the playbook's `sla`. */
export const COMMITMENTS = [
  'reship_tracking', 'refund_unshipped', 'refund_after_return', 'return_pickup', 'tracking_update',
  'courier_check', 'verify', 'inspection', 'supervisor_review', 'follow_up', 'after_choice', 'reply_on_platform',
] as const;
export type Commitment = (typeof COMMITMENTS)[number];

/**
 * Keys of the empathy openers (T-1): one per non-malicious subtype — taken from SUBTYPES, so a new
 * subtype is a key here at once and every playbook's replies must give it a text (replies-schema)
 * — plus one neutral malicious opener, one for `other` and one for a safety incident. Malicious
 * subtypes share the neutral one (T-1).
 */
export type EmpathyCategory = Exclude<DisputeCategory, 'malicious'>;
const EMPATHY_CATEGORIES = ['logistics', 'quality', 'price'] as const satisfies readonly EmpathyCategory[];
// A new dispute category does not compile until it is listed above or excluded with malicious.
const everyEmpathyCategory: [Exclude<EmpathyCategory, (typeof EMPATHY_CATEGORIES)[number]>] extends [never] ? true : never = true;
void everyEmpathyCategory;

export type EmpathyKey = SubtypeOf<EmpathyCategory> | 'malicious' | 'other' | 'safety';
export const EMPATHY_KEYS: readonly EmpathyKey[] = [
  ...EMPATHY_CATEGORIES.flatMap((c): readonly SubtypeOf<EmpathyCategory>[] => SUBTYPES[c]),
  'malicious', 'other', 'safety',
];

const EMPATHY_KEY_SET: ReadonlySet<string> = new Set(EMPATHY_KEYS);
/** Whether `key` names an empathy opener (a subtype with its own, or one of the shared ones). */
export function isEmpathyKey(key: string): key is EmpathyKey {
  return EMPATHY_KEY_SET.has(key);
}

/** What the agent must verify or collect; M-1's evidence items are a subset a store picks. */
export const CHECKLIST_KEYS = [
  'look_up_order', 'check_stock', 'out_of_stock_penalty', 'check_shipment', 'update_tracking', 'check_tracking', 'contact_courier',
  'check_signature', 'check_order_record', 'weigh_parcel', 'record_case', 'ask_photo', 'courier_claim',
  'ask_fault_video', 'send_usage_video', 'self_check_listing', 'fix_listing', 'find_invoice',
  'inspect_repair', 'verify_delivery_date', 'verify_payment_record', 'verify_price', 'check_promo_terms',
  'review_malicious_signals', 'self_check_store', 'chat_logs', 'transaction_records', 'tracking_trace',
  'delivery_signature', 'invoices', 'platform_report', 'police_report_extortion', 'keep_on_platform',
  'cross_border_deadline',
  'customs_hold', 'arrange_redelivery', 'safety_photos', 'safety_batch_number', 'safety_medical_advice',
  'safety_supervisor_only', 'repair_receipt', 'original_shipping_method', 'check_promised_handling', 'check_agent_record',
] as const;
export type ChecklistKey = (typeof CHECKLIST_KEYS)[number];
