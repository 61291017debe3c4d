/**
 * The input side of ../shared/domain/CONTRACT.md: JSON as a store's script writes it (money in
 * major units, optional everything) → the core's `CaseInput` (money in minor units, a clock).
 *
 * Unknown fields are not errors — a store may send more than Settle reads — but they are
 * reported back as `warnings`, so a typo such as `"freeShiping"` does not pass unseen.
 */
import { z } from 'zod';
import { MAX_MESSAGE_CHARS, UserError } from '../errors.ts';
import { currencyProblem, MAX_MAJOR_AMOUNT, toMinor } from '../money.ts';
import type { CaseInput, ClassifyInput, CustomerContext, Facts, FactKey, Order } from '../types.ts';
import { DELIVERY_PROBLEMS, FACT_KEYS, LANGS, ORDER_STATUSES } from '../types.ts';

const money = z.number().finite().nonnegative().max(MAX_MAJOR_AMOUNT, `at most ${MAX_MAJOR_AMOUNT.toLocaleString('en-US')} (major units)`);
const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO-8601 date');

const itemSchema = z.looseObject({
  sku: z.string().min(1),
  name: z.string().default(''),
  unitPrice: money,
  qty: z.number().int().positive().default(1),
});

const orderSchema = z.looseObject({
  id: z.string().min(1),
  currency: z
    .string()
    .superRefine((c, ctx) => {
      const problem = currencyProblem(c);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default('CNY'),
  items: z.array(itemSchema).default([]),
  total: money.optional(),
  shippingFee: money.default(0),
  freeShipping: z.boolean().optional(),
  region: z.string().optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  paidAt: isoDate.optional(),
  shippedAt: isoDate.optional(),
  deliveredAt: isoDate.optional(),
  sevenDayReturn: z.boolean().optional(),
  warrantyMonths: z.number().int().nonnegative().optional(),
  promisedShipHours: z.number().finite().positive().optional(),
  firstWeightOnlyFree: z.boolean().optional(),
  platformPenalty: money.optional(),
}).superRefine((o, ctx) => {
  // Each price is bounded; so is what the items add up to (a bounded price × a huge qty).
  const sum = o.items.reduce((acc, i) => acc + i.unitPrice * i.qty, 0);
  if (sum > MAX_MAJOR_AMOUNT) ctx.addIssue({ code: 'custom', path: ['items'], message: `the items add up to more than ${MAX_MAJOR_AMOUNT.toLocaleString('en-US')} (major units)` });
});

const customerSchema = z.looseObject({
  accountAgeDays: z.number().nonnegative().optional(),
  reviewCount: z.number().int().nonnegative().optional(),
  negativeReviewRatio: z.number().min(0).max(1).optional(),
  refundCount90d: z.number().int().nonnegative().optional(),
  chatAccountMatchesBuyer: z.boolean().optional(),
  hasAvatar: z.boolean().optional(),
  chattedBeforePurchase: z.boolean().optional(),
  unitsOfOneItem: z.number().int().nonnegative().optional(),
  targetsSmallShopOrPromo: z.boolean().optional(),
});

/** Facts exactly as CONTRACT.md names them; money facts in major units. */
export const contractFactsSchema = z.looseObject({
  restockExpected: z.boolean().optional(),
  customerAcceptsAlternative: z.boolean().optional(),
  trackingUpdated: z.boolean().optional(),
  weightMatchesCustomerClaim: z.boolean().optional(),
  missingSku: z.string().optional(),
  customerOrderedThis: z.boolean().optional(),
  wrongItemValue: money.optional(),
  customerWantsItem: z.boolean().optional(),
  returnShippingCost: money.optional(),
  urgent: z.boolean().optional(),
  promoPeriod: z.boolean().optional(),
  misuse: z.boolean().optional(),
  customerInsistsReturn: z.boolean().optional(),
  listingAccurate: z.boolean().optional(),
  invoiceAvailable: z.boolean().optional(),
  customerHasProof: z.boolean().optional(),
  withinWarranty: z.boolean().optional(),
  priceNow: money.optional(),
  duplicateCharge: z.boolean().optional(),
  verifiedDifference: money.optional(),
  customerDamaged: z.boolean().optional(),
  deliveryProblem: z.enum(DELIVERY_PROBLEMS).optional(),
  repairedElsewhere: z.boolean().optional(),
  agentError: z.boolean().optional(),
  postageDiscussed: z.boolean().optional(),
  safetyIncident: z.boolean().optional(),
});
export type ContractFacts = z.infer<typeof contractFactsSchema>;

const messageText = z.string().max(MAX_MESSAGE_CHARS, `longer than ${MAX_MESSAGE_CHARS} characters`);

export const caseLineSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  message: messageText,
  lang: z.enum(LANGS).optional(),
  now: isoDate.optional(),
  order: orderSchema.optional(),
  customer: customerSchema.optional(),
  facts: contractFactsSchema.optional(),
});

export const classifyLineSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  text: messageText,
  lang: z.enum(LANGS).optional(),
  customer: customerSchema.optional(),
});

const KNOWN = {
  case: ['id', 'message', 'lang', 'now', 'order', 'customer', 'facts'],
  classify: ['id', 'text', 'lang', 'customer'],
  order: Object.keys(orderSchema.shape),
  item: Object.keys(itemSchema.shape),
  customer: Object.keys(customerSchema.shape),
  facts: [...FACT_KEYS],
} as const;

function unknownKeys(obj: unknown, known: readonly string[], prefix: string): string[] {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return [];
  return Object.keys(obj)
    .filter((k) => !known.includes(k))
    .map((k) => `${prefix}${k}: unknown field, ignored`);
}

/** Turns a zod error into one readable line: `order.items[0].unitPrice: expected number, received string`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.reduce<string>(
        (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
        '',
      );
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function fail(error: z.ZodError): never {
  const tooLong = error.issues.some((i) => i.code === 'too_big' && (i.path[0] === 'message' || i.path[0] === 'text'));
  throw new UserError(tooLong ? 'message_too_long' : 'invalid_input', describeZodError(error));
}

/** Contract facts (major units) → core facts (minor units) in the order's currency. */
export function factsFromContract(facts: ContractFacts, currency: string): Facts {
  const out: Facts = {};
  for (const key of FACT_KEYS) {
    const value = facts[key];
    if (value === undefined) continue;
    switch (key) {
      case 'wrongItemValue': out.wrongItemValueMinor = toMinor(value as number, currency); break;
      case 'returnShippingCost': out.returnShippingCostMinor = toMinor(value as number, currency); break;
      case 'priceNow': out.priceNowMinor = toMinor(value as number, currency); break;
      case 'verifiedDifference': out.verifiedDifferenceMinor = toMinor(value as number, currency); break;
      default: (out as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

/** Parses one fact value typed by a person ("yes", "12.5", "TS-W") into its contract type. */
export function parseFactValue(fact: FactKey, raw: string | number | boolean): boolean | number | string {
  const shape = contractFactsSchema.shape[fact];
  const probe = shape.safeParse(raw);
  if (probe.success && probe.data !== undefined) return probe.data;
  if (typeof raw === 'string') {
    const s = raw.trim().toLowerCase();
    if (['y', 'yes', 'true', '是', '对', '有'].includes(s) && shape.safeParse(true).success) return true;
    if (['n', 'no', 'false', '否', '不', '没有'].includes(s) && shape.safeParse(false).success) return false;
    const n = Number(s);
    if (s !== '' && Number.isFinite(n) && shape.safeParse(n).success) return n;
  }
  throw new UserError('invalid_input', `${fact}: '${String(raw)}' is not a valid value; ${validAnswers(fact)}`);
}

/** What a person may answer for `fact`, in words: "answer yes or no (是/否)". */
export function validAnswers(fact: FactKey): string {
  let shape: z.ZodType = contractFactsSchema.shape[fact];
  while (shape instanceof z.ZodOptional) shape = shape.unwrap() as z.ZodType;
  if (shape instanceof z.ZodEnum) return `answer one of: ${(shape.options as string[]).join(', ')}`;
  if (shape.safeParse(true).success) return 'answer yes or no (是/否)';
  if (shape.safeParse(1).success) return 'answer an amount in major units, e.g. 12.50';
  return fact === 'missingSku' ? "answer the SKU of the order's missing item" : 'answer a short text';
}

/** CONTRACT.md order (major units) → core Order (minor units). */
export function orderFromContract(o: z.infer<typeof orderSchema>): Order {
  const currency = o.currency.toUpperCase();
  const items = o.items.map((i) => ({ sku: i.sku, name: i.name, unitPriceMinor: toMinor(i.unitPrice, currency), qty: i.qty }));
  const itemsTotal = items.reduce((sum, i) => sum + i.unitPriceMinor * i.qty, 0);
  const shippingFeeMinor = toMinor(o.shippingFee, currency);
  return {
    id: o.id,
    currency,
    items,
    totalMinor: o.total !== undefined ? toMinor(o.total, currency) : itemsTotal + shippingFeeMinor,
    shippingFeeMinor,
    freeShipping: o.freeShipping ?? shippingFeeMinor === 0,
    region: o.region,
    status: o.status,
    paidAt: o.paidAt,
    shippedAt: o.shippedAt,
    deliveredAt: o.deliveredAt,
    sevenDayReturn: o.sevenDayReturn,
    warrantyMonths: o.warrantyMonths,
    promisedShipHours: o.promisedShipHours,
    firstWeightOnlyFree: o.firstWeightOnlyFree,
    platformPenaltyMinor: o.platformPenalty === undefined ? undefined : toMinor(o.platformPenalty, currency),
  };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export interface Parsed<T> {
  value: T;
  /** Unknown fields that were ignored. */
  warnings: string[];
}

/**
 * One `settle draft` input line → CaseInput. `now` is the caller's clock, used when the line
 * has no `now` of its own. Throws UserError('invalid_input' | 'message_too_long').
 */
export function parseCaseLine(obj: unknown, now: Date): Parsed<CaseInput> {
  const r = caseLineSchema.safeParse(obj);
  if (!r.success) fail(r.error);
  const line = r.data;
  if (!line.message.trim()) throw new UserError('empty_message', "message is empty: paste the customer's words");
  const raw = obj as Record<string, unknown>;
  const rawOrder = raw.order as Record<string, unknown> | undefined;
  const warnings = [
    ...unknownKeys(raw, KNOWN.case, ''),
    ...unknownKeys(rawOrder, KNOWN.order, 'order.'),
    ...(Array.isArray(rawOrder?.items) ? rawOrder.items.flatMap((it, i) => unknownKeys(it, KNOWN.item, `order.items[${i}].`)) : []),
    ...unknownKeys(raw.customer, KNOWN.customer, 'customer.'),
    ...unknownKeys(raw.facts, KNOWN.facts, 'facts.'),
  ];
  const order = line.order ? orderFromContract(line.order) : undefined;
  const currency = order?.currency ?? 'CNY';
  const value: CaseInput = stripUndefined({
    id: line.id,
    message: line.message,
    lang: line.lang,
    now: line.now ? new Date(line.now) : now,
    order,
    customer: line.customer ? (stripUndefined(pickKnown(line.customer, KNOWN.customer)) as CustomerContext) : undefined,
    facts: factsFromContract(line.facts ?? {}, currency),
  });
  return { value, warnings };
}

/** One `settle classify` input line → ClassifyInput. */
export function parseClassifyLine(obj: unknown): Parsed<ClassifyInput & { id: string }> {
  const r = classifyLineSchema.safeParse(obj);
  if (!r.success) fail(r.error);
  const raw = obj as Record<string, unknown>;
  const line = r.data;
  return {
    value: stripUndefined({
      id: line.id,
      text: line.text,
      lang: line.lang,
      customer: line.customer ? (stripUndefined(pickKnown(line.customer, KNOWN.customer)) as CustomerContext) : undefined,
    }),
    warnings: [...unknownKeys(raw, KNOWN.classify, ''), ...unknownKeys(raw.customer, KNOWN.customer, 'customer.')],
  };
}

function pickKnown(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
