/**
 * The domain vocabulary of Settle, shared by every layer.
 *
 * Names follow ../shared/domain/POLICY.md (categories, subtypes, rule IDs) and
 * ../shared/domain/CONTRACT.md (field names of the `settle` command). Money is always an
 * integer in minor units (fen, cents) inside Settle; only the CLI/chat edges convert.
 */

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The four dispute categories of POLICY.md §1. */
export const DISPUTE_CATEGORIES = ['logistics', 'quality', 'price', 'malicious'] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];
/** `other`: not an after-sales dispute, or not confident enough — a human takes it. */
export type Category = DisputeCategory | 'other';
export const CATEGORIES: readonly Category[] = [...DISPUTE_CATEGORIES, 'other'];

/** Subtype ids per category, POLICY.md §1. */
export const SUBTYPES = {
  logistics: ['not_shipped', 'no_tracking', 'not_received', 'tracking_anomaly', 'missing_item', 'wrong_item', 'promo_delay', 'lost_or_damaged'],
  quality: ['minor_defect', 'quality_problem', 'not_as_described', 'counterfeit_claim', 'warranty_repair', 'change_of_mind'],
  price: ['price_drop', 'shipping_fee', 'payment_issue', 'price_difference'],
  malicious: ['extortion', 'pro_bad_reviewer', 'off_platform', 'serial_abuse'],
} as const satisfies Record<DisputeCategory, readonly string[]>;

export type SubtypeOf<C extends DisputeCategory> = (typeof SUBTYPES)[C][number];
export type Subtype = SubtypeOf<DisputeCategory>;
export const ALL_SUBTYPES: readonly Subtype[] = DISPUTE_CATEGORIES.flatMap((c) => SUBTYPES[c]);

/** Which category a subtype belongs to. */
export function categoryOf(subtype: Subtype): DisputeCategory {
  for (const c of DISPUTE_CATEGORIES) if ((SUBTYPES[c] as readonly string[]).includes(subtype)) return c;
  throw new Error(`unknown subtype ${subtype}`);
}

/**
 * What the store knows of the customer's account (POLICY.md §2, M-S1…M-S8). All optional:
 * a store that provides nothing gets a text-only judgement.
 */
export interface CustomerContext {
  accountAgeDays?: number;
  reviewCount?: number;
  /** 0..1 share of the customer's reviews that are negative (M-S8). */
  negativeReviewRatio?: number;
  refundCount90d?: number;
  /** M-S6: the chat account is the paying account. */
  chatAccountMatchesBuyer?: boolean;
  /** M-S2: a real avatar. */
  hasAvatar?: boolean;
  /** M-S3: chatted before buying. */
  chattedBeforePurchase?: boolean;
  /** M-S7: units of one item in this order / recent orders. */
  unitsOfOneItem?: number;
  /** M-S5: the shop is new/small or the item is a promotion item. */
  targetsSmallShopOrPromo?: boolean;
}

/** Input of `classify` (CONTRACT.md `settle classify`). */
export interface ClassifyInput {
  text: string;
  lang?: Lang;
  customer?: CustomerContext;
}

/** Output of `classify` (CONTRACT.md): field names are fixed. */
export interface Classification {
  category: Category;
  /** A POLICY.md §1 subtype id, or '' for `other`. */
  subtype: Subtype | '';
  /** 0..1 */
  confidence: number;
  secondary: DisputeCategory[];
  /** Short ids of what was matched, so every decision is explainable. */
  signals: string[];
  lang: Lang;
}

export interface OrderItem {
  sku: string;
  name: string;
  unitPriceMinor: number;
  qty: number;
}

export const ORDER_STATUSES = ['unpaid', 'paid', 'shipped', 'delivered'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** An order, money in minor units. Dates are ISO-8601 strings as given. */
export interface Order {
  id: string;
  currency: string;
  items: OrderItem[];
  totalMinor: number;
  shippingFeeMinor: number;
  freeShipping: boolean;
  region?: string;
  status?: OrderStatus;
  paidAt?: string;
  shippedAt?: string;
  deliveredAt?: string;
  /** The item qualifies for 7-day no-reason return (七天无理由). */
  sevenDayReturn?: boolean;
  warrantyMonths?: number;
  /** §4 row 1: handling time the listing promised, hours after `paidAt`. */
  promisedShipHours?: number;
  /** P-2: the listing said only the first weight unit ships free. */
  firstWeightOnlyFree?: boolean;
  /** L-1: the platform's out-of-stock penalty (违约金) owed to the customer, minor units. */
  platformPenaltyMinor?: number;
}

/**
 * What an agent has checked, each fact tied to a rule (CONTRACT.md facts table).
 * Money facts are in minor units here.
 */
export interface Facts {
  restockExpected?: boolean;
  customerAcceptsAlternative?: boolean;
  trackingUpdated?: boolean;
  weightMatchesCustomerClaim?: boolean;
  missingSku?: string;
  customerOrderedThis?: boolean;
  wrongItemValueMinor?: number;
  customerWantsItem?: boolean;
  returnShippingCostMinor?: number;
  urgent?: boolean;
  promoPeriod?: boolean;
  misuse?: boolean;
  customerInsistsReturn?: boolean;
  listingAccurate?: boolean;
  invoiceAvailable?: boolean;
  customerHasProof?: boolean;
  withinWarranty?: boolean;
  priceNowMinor?: number;
  duplicateCharge?: boolean;
  verifiedDifferenceMinor?: number;
  customerDamaged?: boolean;
  /** L-3: what the tracking shows. */
  deliveryProblem?: DeliveryProblem;
  /** the customer had it repaired elsewhere without asking. */
  repairedElsewhere?: boolean;
  /** §4 row 6: our agent gave wrong information that cost the customer. */
  agentError?: boolean;
  /** §4 row 5: false = a refund was agreed and postage never discussed. */
  postageDiscussed?: boolean;
  /** Q-2 safety setting: a health or safety incident. */
  safetyIncident?: boolean;
}

/** L-3: what the tracking shows (CONTRACT.md additions). */
export const DELIVERY_PROBLEMS = ['out_of_zone', 'failed', 'returned', 'customs'] as const;
export type DeliveryProblem = (typeof DELIVERY_PROBLEMS)[number];

/** Fact names as they appear in CONTRACT.md (major-unit money facts keep their contract names). */
export const FACT_KEYS = [
  'restockExpected', 'customerAcceptsAlternative', 'trackingUpdated', 'weightMatchesCustomerClaim',
  'missingSku', 'customerOrderedThis', 'wrongItemValue', 'customerWantsItem', 'returnShippingCost',
  'urgent', 'promoPeriod', 'misuse', 'customerInsistsReturn', 'listingAccurate', 'invoiceAvailable',
  'customerHasProof', 'withinWarranty', 'priceNow', 'duplicateCharge', 'verifiedDifference', 'customerDamaged',
  'deliveryProblem', 'repairedElsewhere', 'agentError', 'postageDiscussed', 'safetyIncident',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

/** One case to decide: the customer's words plus everything known. `now` is the injected clock. */
export interface CaseInput {
  id: string;
  message: string;
  lang?: Lang;
  /** The clock, injected: decisions about windows (price protection, warranty, 7 days) use it. */
  now: Date;
  order?: Order;
  customer?: CustomerContext;
  facts: Facts;
}

export const OFFER_KINDS = [
  'refund', 'partial_refund', 'coupon', 'gift', 'reship', 'return_refund', 'exchange', 'repair',
  'keep_at_discount', 'wait_restock', 'switch_variant', 'expedite', 'price_difference', 'none',
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

/** A proposal, in the order the agent should try them. `amountMinor` null where no money moves. */
export interface Offer {
  kind: OfferKind;
  amountMinor: number | null;
  currency: string;
  note: string;
  /** The POLICY.md rule that grants this offer. */
  rule: string;
}

export type Payer = 'seller' | 'customer' | 'none';
export interface ShippingPayers {
  outbound: Payer;
  return: Payer;
}

export type Role = 'agent' | 'supervisor';

export interface Question {
  fact: FactKey;
  text: string;
}

/** The decision for one case (CONTRACT.md `settle draft` output): field names are fixed. */
export interface Draft {
  id: string;
  category: Category;
  subtype: Subtype | '';
  confidence: number;
  /** Cited POLICY.md rule IDs (L-4, §4, T-1 …). */
  rules: string[];
  offers: Offer[];
  shipping: ShippingPayers;
  /** The lowest role allowed to release this draft. */
  approval: Role;
  /** A supervisor must look before anything goes out. */
  escalate: boolean;
  reply: { lang: Lang; text: string };
  checklist: string[];
  questions: Question[];
  /** The classification this draft was decided on. */
  classification: Classification;
  /** Version (content hash) of the playbook used: recorded in the audit log. */
  playbookVersion: string;
}
