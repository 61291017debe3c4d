/**
 * `settle audit verify` — checks the tamper-evident ledger (src/store/audit-chain.ts,
 * docs/audit.md) of the configured store, or of `--db PATH`: every link's MAC, and every case,
 * draft revision, decision, release and audit entry against the link that recorded it. Names the
 * first broken link and exits 1; on success prints the head (`SEQ:MAC`) to keep outside the
 * database and give back as `--expect-head`, which also catches links removed from the end.
 */
import { loadConfig } from '../../config.ts';
import { isUserError } from '../../core/errors.ts';
import { verifyLedger } from '../../store/audit-chain.ts';
import type { Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';
import { parseCliArgs } from '../parse-cli-args.ts';
import { openExistingStore } from './open-report-store.ts';

const HELP = `usage: settle audit verify [--db PATH] [--expect-head SEQ:MAC]

Verifies the audit ledger of SETTLE_DATABASE_URL (Postgres) when set, else SETTLE_DB_PATH (or
--db PATH). With SETTLE_AUDIT_KEY set, every link must be an HMAC under it. Prints the head on
success (exit 0), the first broken link on failure (exit 1). It detects tampering; it cannot
prevent it (docs/audit.md).

  --db PATH              a SQLite case store (a copy is fine)
  --expect-head SEQ:MAC  a head printed by an earlier verify and kept elsewhere: the chain must hold it
`;

export const auditCommand: Command = async (args, io) => {
  const parsed = parseCliArgs('audit', args, io, HELP, { db: { type: 'string' }, 'expect-head': { type: 'string' } }, { positionals: true });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'verify') {
    io.stderr.write(`settle audit: ${positionals.length ? `unknown subcommand '${positionals.join(' ')}'` : 'missing subcommand'}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  let expectHead: { seq: number; mac: string } | undefined;
  if (values['expect-head'] !== undefined) {
    const m = /^(\d+):([0-9a-f]{64})$/.exec(values['expect-head']);
    if (!m) {
      io.stderr.write(`settle audit: --expect-head must be SEQ:MAC as verify printed it (e.g. 42:${'ab'.repeat(32)})\n`);
      return EXIT_USAGE;
    }
    expectHead = { seq: Number(m[1]), mac: m[2]! };
  }
  try {
    const key = loadConfig(io.env).auditKey;
    const stores = await openExistingStore(values.db, io.env);
    try {
      const verdict = await verifyLedger(stores.store, { ...(key ? { key } : {}), ...(expectHead ? { expectHead } : {}) });
      if (verdict.ok) {
        const head = verdict.head ? `head ${verdict.head.seq}:${verdict.head.mac} (${verdict.head.alg})` : 'no links yet';
        io.stdout.write(`settle audit: ok: ${stores.describe}: ${verdict.links} links cover ${verdict.rows} rows; ${head}\n`);
        if (verdict.head?.alg === 'sha256') io.stdout.write('settle audit: no SETTLE_AUDIT_KEY: keep this head outside the database and pass it as --expect-head next time\n');
        return EXIT_OK;
      }
      const where = [verdict.broken.seq !== undefined ? `link ${verdict.broken.seq}` : undefined, verdict.broken.ref].filter(Boolean).join(', ');
      io.stdout.write(`settle audit: BROKEN: ${stores.describe}: ${where ? `${where}: ` : ''}${verdict.broken.reason}\n`);
      return EXIT_INPUT_ERROR;
    } finally {
      await stores.close();
    }
  } catch (e) {
    if (!isUserError(e)) throw e;
    io.stderr.write(`settle audit: ${e.message}\n`);
    return EXIT_INPUT_ERROR;
  }
};
