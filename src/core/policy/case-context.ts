/**
 * What every handler needs to know about a case, computed from the input and the playbook:
 * currency, the item concerned and what was paid for it, postage, and the time windows
 * (warranty, price protection, 7-day return) measured against the injected clock `c.now`.
 */
import type { Playbook, CompiledReplies } from '../playbook/schema.ts';
import type { StoreSettings } from '../playbook/store-schema.ts';
import type { CaseInput, Facts, Lang, OrderItem } from '../types.ts';

const DAY_MS = 86_400_000;

/** The case, its facts, the store settings and the reply language's templates, in one place. */
export interface CaseContext {
  c: CaseInput;
  facts: Facts;
  settings: StoreSettings;
  replies: CompiledReplies;
  lang: Lang;
  currency: string;
}

/** Build the context; `lang` is the reply language already chosen by decide(). */
export function makeContext(c: CaseInput, playbook: Playbook, lang: Lang): CaseContext {
  const settings = playbook.settings;
  return {
    c,
    facts: c.facts,
    settings,
    replies: playbook.replies[lang],
    lang,
    currency: (c.order?.currency ?? settings.store.homeCurrency).toUpperCase(),
  };
}

/** A per-currency store setting; undefined when the store set none for this currency. */
export function perCurrency(table: Record<string, number>, currency: string): number | undefined {
  return table[currency];
}

/** The order line with this SKU. */
export function itemBySku(c: CaseInput, sku: string | undefined): OrderItem | undefined {
  return sku === undefined ? undefined : c.order?.items.find((i) => i.sku === sku);
}

/** The item a complaint concerns: the named SKU, else the only line of the order. */
export function concernedItem(c: CaseInput, sku = c.facts.missingSku): OrderItem | undefined {
  return itemBySku(c, sku) ?? (c.order?.items.length === 1 ? c.order.items[0] : undefined);
}

/** What the customer paid for a line (price × qty). */
export function lineValueMinor(item: OrderItem): number {
  return item.unitPriceMinor * item.qty;
}

/**
 * What the customer paid for what the complaint concerns: the line when known, else the order
 * total, else undefined (no order: money offers carry no amount).
 */
export function paidFor(c: CaseInput, item?: OrderItem): number | undefined {
  if (item) return Math.min(lineValueMinor(item), c.order?.totalMinor ?? Infinity);
  return c.order?.totalMinor;
}

/** Orders in another currency than the store's home currency are cross-border (L-1, §4). */
export function isCrossBorder(ctx: CaseContext): boolean {
  return ctx.currency !== ctx.settings.store.homeCurrency;
}

/**
 * §4 postage standard: the agent's `returnShippingCost` fact, else the store's table by region
 * (home currency) or by currency (other countries); undefined when the store has no rate.
 */
export function postageMinor(ctx: CaseContext): number | undefined {
  if (ctx.facts.returnShippingCostMinor !== undefined) return ctx.facts.returnShippingCostMinor;
  const p = ctx.settings.postage;
  if (isCrossBorder(ctx)) return p.otherCountriesMinor[ctx.currency];
  const region = ctx.c.order?.region ?? '';
  const group = p.regionsMinor.find((g) => g.regions.some((r) => region.toLowerCase().includes(r.toLowerCase())));
  return group ? group.minor : p.homeDefaultMinor;
}

function daysSince(iso: string | undefined, now: Date): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : (now.getTime() - t) / DAY_MS;
}

/** the `withinWarranty` fact, else deliveredAt + warrantyMonths against now. */
export function withinWarranty(c: CaseInput): boolean | undefined {
  if (c.facts.withinWarranty !== undefined) return c.facts.withinWarranty;
  const months = c.order?.warrantyMonths;
  const delivered = c.order?.deliveredAt ? Date.parse(c.order.deliveredAt) : NaN;
  if (months === undefined || Number.isNaN(delivered)) return undefined;
  const end = new Date(delivered);
  end.setUTCMonth(end.getUTCMonth() + months);
  return c.now.getTime() <= end.getTime();
}

/** P-1: paid within the price-protection window? undefined when paidAt is unknown. */
export function withinPriceProtection(ctx: CaseContext): boolean | undefined {
  const d = daysSince(ctx.c.order?.paidAt, ctx.c.now);
  return d === undefined ? undefined : d <= ctx.settings.priceProtectionDays;
}

/** delivered within the no-reason window? undefined when deliveredAt is unknown. */
export function withinReturnWindow(ctx: CaseContext): boolean | undefined {
  const d = daysSince(ctx.c.order?.deliveredAt, ctx.c.now);
  return d === undefined ? undefined : d <= ctx.settings.sevenDayReturnDays;
}

/** True when the order has reached the customer, by status or by deliveredAt. */
export function hasDelivered(c: CaseInput): boolean {
  return c.order?.status === 'delivered' || Boolean(c.order?.deliveredAt);
}

/** True when the parcel has left the warehouse, by status or by shippedAt. */
export function hasShipped(c: CaseInput): boolean | undefined {
  const s = c.order?.status;
  if (s === 'shipped' || s === 'delivered' || c.order?.shippedAt) return true;
  if (s === 'paid' || s === 'unpaid') return false;
  return undefined;
}
