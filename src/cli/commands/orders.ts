/**
 * `settle orders import FILE` — load orders (CSV or JSON Lines, money in major units) into the
 * case store; good orders are imported, every bad row reported by line, field and reason.
 * `settle orders show ID` prints one stored order (money in major units).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseOrdersFile } from '../../app/import-orders.ts';
import { loadConfig } from '../../config.ts';
import { isUserError } from '../../core/errors.ts';
import { formatMoney } from '../../core/money.ts';
import { openStores } from '../../store/open-store.ts';
import type { CliIO, Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';

const USAGE = `usage:
  settle orders import FILE [--dry-run]   import orders from CSV (one row per item) or JSON Lines
  settle orders show ORDER_ID             print a stored order

CSV header names: order_id, currency, sku, name, unit_price, qty, total, shipping_fee,
free_shipping, region, status, paid_at, shipped_at, delivered_at, seven_day_return,
warranty_months (camelCase contract names work too). Money is in major units (59.90).
The store is SETTLE_DATABASE_URL (Postgres) when set, else SETTLE_DB_PATH (default ./data/settle.db).
`;

async function importOrders(file: string, dryRun: boolean, io: CliIO): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    io.stderr.write(`settle orders: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return EXIT_INPUT_ERROR;
  }
  const parsed = parseOrdersFile(basename(file), text);
  const config = loadConfig(io.env);
  let written = 0;
  let where = config.dbPath;
  if (!dryRun && parsed.orders.length > 0) {
    const stores = await openStores(config);
    where = stores.describe.replace(/^sqlite /, '');
    try {
      written = await stores.store.upsertOrders(parsed.orders, new Date().toISOString());
    } finally {
      await stores.close();
    }
  }
  const n = dryRun ? parsed.orders.length : written;
  io.stdout.write(`${dryRun ? 'would import' : 'imported'} ${n} order${n === 1 ? '' : 's'} from ${file}${dryRun ? '' : ` into ${where}`}\n`);
  for (const w of parsed.warnings) io.stdout.write(`note: ${w}\n`);
  if (parsed.bad.length > 0) {
    io.stdout.write(`${parsed.bad.length} bad row${parsed.bad.length === 1 ? '' : 's'} (not imported):\n`);
    for (const b of parsed.bad) io.stdout.write(`  line ${b.line}  ${b.field}: ${b.reason}\n`);
  }
  if (parsed.skipped.length > 0) io.stdout.write(`skipped whole (a row was bad): ${parsed.skipped.join(', ')}\n`);
  return parsed.bad.length > 0 ? EXIT_INPUT_ERROR : EXIT_OK;
}

async function showOrder(id: string, io: CliIO): Promise<number> {
  const stores = await openStores(loadConfig(io.env));
  try {
    const o = await stores.store.getOrder(id);
    if (!o) {
      io.stderr.write(`settle orders: no order ${id}\n`);
      return EXIT_INPUT_ERROR;
    }
    io.stdout.write(`${o.id}  ${o.status ?? ''}  total ${formatMoney(o.totalMinor, o.currency)}  shipping ${formatMoney(o.shippingFeeMinor, o.currency)}${o.freeShipping ? ' (free)' : ''}\n`);
    for (const i of o.items) io.stdout.write(`  ${i.sku}  ${i.name}  ${formatMoney(i.unitPriceMinor, o.currency)} × ${i.qty}\n`);
    return EXIT_OK;
  } finally {
    await stores.close();
  }
}

export const ordersCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  const positional = rest.filter((a) => !a.startsWith('--'));
  try {
    if (sub === 'import' && positional.length === 1) return await importOrders(positional[0] as string, rest.includes('--dry-run'), io);
    if (sub === 'show' && positional.length === 1) return await showOrder(positional[0] as string, io);
  } catch (e) {
    if (isUserError(e)) {
      io.stderr.write(`settle orders: ${e.message}\n`);
      return EXIT_INPUT_ERROR;
    }
    throw e;
  }
  const help = sub === '--help' || sub === '-h';
  (help ? io.stdout : io.stderr).write(USAGE);
  return help ? EXIT_OK : EXIT_USAGE;
};
