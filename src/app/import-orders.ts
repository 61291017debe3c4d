/**
 * Orders from a store's export into the case store: CSV (one row per order item, order fields
 * repeated or left empty on later rows) or JSON Lines (one CONTRACT.md order per line). Money
 * in the file is in major units; the store keeps minor units. Good orders are imported, bad
 * rows reported with their line number, field and reason; an order with any bad row is skipped
 * whole, so no half-order is ever stored.
 */
import { caseLineSchema, orderFromContract } from '../core/contract/parse-case.ts';
import type { Order } from '../core/types.ts';
import { readCsv } from './read-csv.ts';

export interface BadRow {
  line: number;
  field: string;
  reason: string;
}

export interface ParsedOrders {
  orders: Order[];
  bad: BadRow[];
  /** Orders skipped because one of their rows was bad. */
  skipped: string[];
  /** Not errors: ignored columns. */
  warnings: string[];
}

const orderSchema = caseLineSchema.shape.order.unwrap();

/** CSV header → contract field; both `unit_price` and `unitPrice` spellings are accepted. */
const CSV_FIELDS: Record<string, string> = {
  id: 'id', order_id: 'id', orderid: 'id', currency: 'currency', sku: 'sku', name: 'name', item_name: 'name',
  unit_price: 'unitPrice', unitprice: 'unitPrice', price: 'unitPrice', qty: 'qty', quantity: 'qty', total: 'total',
  shipping_fee: 'shippingFee', shippingfee: 'shippingFee', free_shipping: 'freeShipping', freeshipping: 'freeShipping',
  region: 'region', status: 'status', paid_at: 'paidAt', paidat: 'paidAt', shipped_at: 'shippedAt', shippedat: 'shippedAt',
  delivered_at: 'deliveredAt', deliveredat: 'deliveredAt', seven_day_return: 'sevenDayReturn', sevendayreturn: 'sevenDayReturn',
  warranty_months: 'warrantyMonths', warrantymonths: 'warrantyMonths',
};
const NUMBERS = new Set(['unitPrice', 'qty', 'total', 'shippingFee', 'warrantyMonths']);
const BOOLEANS = new Set(['freeShipping', 'sevenDayReturn']);
const ITEM_FIELDS = new Set(['sku', 'name', 'unitPrice', 'qty']);

function typed(field: string, raw: string): unknown {
  const s = raw.trim();
  if (NUMBERS.has(field)) return s !== '' && Number.isFinite(Number(s)) ? Number(s) : s;
  if (BOOLEANS.has(field)) {
    const b = s.toLowerCase();
    if (['true', 'yes', 'y', '1', '是'].includes(b)) return true;
    if (['false', 'no', 'n', '0', '否'].includes(b)) return false;
    return s;
  }
  return s;
}

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }, line: number, itemPrefix = false): BadRow[] {
  return error.issues.map((i) => {
    let path = i.path.map(String);
    if (itemPrefix && path[0] === 'items') path = path.slice(2);
    return { line, field: path.join('.') || '(row)', reason: i.message };
  });
}

/** JSON Lines: one order per line. */
export function parseOrdersJsonl(text: string): ParsedOrders {
  const out: ParsedOrders = { orders: [], bad: [], skipped: [], warnings: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      out.bad.push({ line: i + 1, field: '(line)', reason: `not valid JSON: ${(e as Error).message}` });
      return;
    }
    const r = orderSchema.safeParse(obj);
    if (r.success) out.orders.push(orderFromContract(r.data));
    else out.bad.push(...issuesOf(r.error, i + 1));
  });
  return out;
}

/** CSV with a header row; rows sharing an order id form one order. */
export function parseOrdersCsv(text: string): ParsedOrders {
  const out: ParsedOrders = { orders: [], bad: [], skipped: [], warnings: [] };
  let rows;
  try {
    rows = readCsv(text);
  } catch (e) {
    out.bad.push({ line: 1, field: '(file)', reason: (e as Error).message });
    return out;
  }
  const [header, ...body] = rows;
  if (!header) return out;
  const fields = header.cells.map((h) => CSV_FIELDS[h.trim().toLowerCase().replace(/[\s-]/g, '_')] ?? CSV_FIELDS[h.trim().toLowerCase()]);
  const unknown = header.cells.filter((_, i) => !fields[i]);
  if (!fields.includes('id')) {
    out.bad.push({ line: header.line, field: '(header)', reason: 'no order id column (id or order_id)' });
    return out;
  }
  for (const h of unknown) out.warnings.push(`unknown column '${h}' ignored`);
  const groups = new Map<string, { obj: Record<string, unknown>; lines: number[]; bad: boolean }>();
  for (const row of body) {
    const order: Record<string, unknown> = {};
    const item: Record<string, unknown> = {};
    fields.forEach((f, i) => {
      const cell = row.cells[i] ?? '';
      if (!f || cell.trim() === '') return;
      (ITEM_FIELDS.has(f) ? item : order)[f] = typed(f, cell);
    });
    const id = String(order.id ?? '');
    const rowOrder = { ...order, items: Object.keys(item).length ? [item] : [] };
    const check = orderSchema.safeParse(rowOrder);
    const group = groups.get(id) ?? { obj: { ...order, items: [] as unknown[] }, lines: [], bad: false };
    groups.set(id, group);
    group.lines.push(row.line);
    if (!check.success) {
      out.bad.push(...issuesOf(check.error, row.line, true));
      group.bad = true;
      continue;
    }
    for (const [k, v] of Object.entries(order)) if (group.obj[k] === undefined) group.obj[k] = v;
    if (Object.keys(item).length) (group.obj.items as unknown[]).push(item);
  }
  for (const [id, g] of groups) {
    if (g.bad) {
      if (id && g.lines.length > 1) out.skipped.push(id);
      continue;
    }
    const r = orderSchema.safeParse(g.obj);
    if (r.success) out.orders.push(orderFromContract(r.data));
    else out.bad.push(...issuesOf(r.error, g.lines[0] ?? 0).map((b) => ({ ...b, reason: `${b.reason} (order ${id})` })));
  }
  return out;
}

/** Picks the reader by file extension, or by the first character when the extension says nothing. */
export function parseOrdersFile(name: string, text: string): ParsedOrders {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return parseOrdersCsv(text);
  if (/\.(jsonl|ndjson|json)$/.test(lower)) return parseOrdersJsonl(text);
  return text.trimStart().startsWith('{') ? parseOrdersJsonl(text) : parseOrdersCsv(text);
}
