/**
 * The Store on Postgres (`pg`), chosen by SETTLE_DATABASE_URL: several Settle processes, on one
 * host or several, share one database. The schema is the SQLite one (same migration versions,
 * per-dialect SQL), and the database enforces the same guarantees: one decision per case (primary
 * key), one release per case (unique outbox.case_id), an append-only audit log (triggers).
 *
 * Compare-and-set under READ COMMITTED: a second `UPDATE … WHERE status = $ AND revision = $` on
 * the same case waits for the first to commit, re-reads the row and matches nothing, so two
 * approvals at once release once. Outbox rows are claimed with `FOR UPDATE SKIP LOCKED`.
 */
import pg from 'pg';
import { isUserError, UserError } from '../core/errors.ts';
import type { Order } from '../core/types.ts';
import { migratePostgres } from './migrate-postgres.ts';
import { postgresTrainingStore } from './postgres-training-store.ts';
import type { AuditEntry, ChannelRef, DraftRevision, KeptEdit } from './records.ts';
import { queryReportCasesPg, queryTrainingFiguresPg, type ReportCase, type TimeRange, type TrainingFigures } from './report-query.ts';
import { rowToAudit, rowToCase, rowToDeadline, rowToOutbox, rowToRevision, type AuditRow, type CaseRow, type DeadlineRow, type OutboxRow, type RevisionRow } from './rows.ts';
import { keptEditCutoff, type CaseChange, type CaseFilter, type CaseRecord, type CaseWithDraft, type ClaimedNotice, type LifecycleChange, type NewAudit, type OutboxItem, type OutboxKind, type Store } from './store.ts';
import type { Deadline, DeadlineKind, NoticeKind } from '../core/lifecycle/deadlines.ts';
import { deadlineStatements, DUE_CONDITION, NEXT_DUE, numbered, OPEN_CASES } from './lifecycle-sql.ts';
import type { TrainingStore } from './training-store.ts';
import {
  itemOf, LEGACY_REF, legacyDigest, nextLink, PROTECTED, PROTECTED_KINDS, type LedgerAlg, type LedgerItem, type LedgerLink,
} from './audit-chain.ts';
import { maskAuditDetail } from './mask-audit.ts';
import { auditLedger } from './migrations/003-audit-ledger.ts';

export interface PostgresStoreOptions {
  /** Connections in this process's pool. */
  maxConnections?: number;
  /** SETTLE_AUDIT_KEY: ledger links are HMACs under it (else a plain hash chain). */
  auditKey?: string;
}

const CASE_SELECT = `SELECT c.*, r.draft AS draft, ${NEXT_DUE} FROM cases c
  JOIN draft_revisions r ON r.case_id = c.id AND r.revision = c.revision`;

/** `host:port/database` of a connection URL, without the user or password (for logs and errors). */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** Connects, migrates (once across processes) and returns the store; a clear error if unreachable. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle connection the server drops (restart, failover) must not crash the process.
  pool.on('error', () => undefined);
  let applied: number[];
  try {
    applied = await migratePostgres(pool, undefined, undefined, async (client, versions) => {
      if (versions.includes(auditLedger.version)) await adoptLegacyRows(client, options.auditKey);
    });
  } catch (e) {
    await pool.end().catch(() => undefined);
    if (isUserError(e)) throw e;
    throw new UserError('config_invalid', `Cannot open the Postgres case store at ${describePostgresUrl(url)} (SETTLE_DATABASE_URL): ${(e as Error).message}`);
  }
  return new PostgresStore(pool, describePostgresUrl(url), applied, options.auditKey);
}

/** BIGSERIAL and COUNT come back as strings: numbers here (they stay far below 2^53). */
const num = (v: unknown): number => Number(v);

export class PostgresStore implements Store {
  readonly training: TrainingStore;

  /** @param appliedAtOpen the migration versions this process applied when it opened the store */
  constructor(readonly pool: pg.Pool, readonly describe: string, readonly appliedAtOpen: number[] = [], private readonly auditKey?: string) {
    this.training = postgresTrainingStore(pool, (fn) => this.tx(fn));
  }

  /** Runs `fn` in one transaction on one connection; rolls back on any error. */
  async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async upsertOrders(orders: Order[], at: string): Promise<number> {
    return this.tx(async (c) => {
      for (const o of orders) {
        await c.query(`INSERT INTO orders (id, currency, total_minor, data, imported_at) VALUES ($1, $2, $3, $4, $5)
          ON CONFLICT (id) DO UPDATE SET currency = excluded.currency, total_minor = excluded.total_minor, data = excluded.data, imported_at = excluded.imported_at`,
        [o.id, o.currency, o.totalMinor, JSON.stringify(o), at]);
      }
      return orders.length;
    });
  }

  async getOrder(id: string): Promise<Order | undefined> {
    const { rows } = await this.pool.query<{ data: string }>('SELECT data FROM orders WHERE id = $1', [id]);
    return rows[0] ? (JSON.parse(rows[0].data) as Order) : undefined;
  }

  async createCase(rec: Omit<CaseRecord, 'id'>, first: DraftRevision, audit: Omit<NewAudit, 'caseId'>[], deadlines: Deadline[] = []): Promise<string> {
    return this.tx(async (c) => {
      const id = `c${num((await c.query<{ n: string }>("SELECT nextval('case_ids') AS n")).rows[0]?.n)}`;
      await c.query(`INSERT INTO cases (id, status, revision, message, order_id, lang, facts, customer, classification,
          created_by, authors, created_at, updated_at, channel, lifecycle_data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`, [
        id, rec.status, rec.revision, rec.message, rec.orderId ?? null, rec.lang ?? null, JSON.stringify(rec.facts),
        rec.customer ? JSON.stringify(rec.customer) : null, JSON.stringify(rec.classification), rec.createdBy,
        JSON.stringify(rec.authors), rec.createdAt, rec.updatedAt, rec.channel ? JSON.stringify(rec.channel) : null, JSON.stringify(rec.lifecycleData ?? {}),
      ]);
      const items: LedgerItem[] = [itemOf('case', { id, message: rec.message, order_id: rec.orderId ?? null, created_by: rec.createdBy, created_at: rec.createdAt })];
      items.push(await insertRevision(c, id, { ...first, draft: { ...first.draft, id } }));
      for (const a of audit) items.push(await insertAudit(c, { ...a, caseId: id }));
      await runAll(c, deadlineStatements(id, { open: deadlines, meet: [] }, rec.createdAt));
      // A deadline met as the case is filed (a review's analysis): opened, then met, at filing.
      await runAll(c, deadlineStatements(id, { open: [], meet: deadlines.filter((d) => d.metAt).map((d) => d.kind) }, rec.createdAt));
      await appendLink(c, rec.createdAt, items, this.auditKey);
      return id;
    });
  }

  async getCase(id: string): Promise<CaseWithDraft | undefined> {
    const { rows } = await this.pool.query<CaseRow>(`${CASE_SELECT} WHERE c.id = $1`, [id]);
    return rows[0] ? rowToCase(rows[0]) : undefined;
  }

  async listRevisions(caseId: string): Promise<DraftRevision[]> {
    const { rows } = await this.pool.query<RevisionRow>('SELECT * FROM draft_revisions WHERE case_id = $1 ORDER BY revision', [caseId]);
    return rows.map(rowToRevision);
  }

  async listCases(filter: CaseFilter = {}): Promise<CaseWithDraft[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.open) where.push(OPEN_CASES);
    else if (filter.status?.length) {
      args.push(filter.status);
      where.push(`c.status = ANY($${args.length})`);
    }
    if (filter.createdBy) {
      args.push(filter.createdBy);
      where.push(`c.created_by = $${args.length}`);
    }
    args.push(filter.limit ?? 50, filter.offset ?? 0);
    const sql = `${CASE_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${filter.order === 'deadline' ? 'next_due_at ASC NULLS LAST, ' : ''}c.created_at, c.seq LIMIT $${args.length - 1} OFFSET $${args.length}`;
    const { rows } = await this.pool.query<CaseRow>(sql, args);
    return rows.map(rowToCase);
  }

  async applyChange(change: CaseChange): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const moved = await client.query(`UPDATE cases SET status = $1, revision = $2, authors = $3, updated_at = $4,
          facts = COALESCE($5, facts), decided_by = COALESCE($6, decided_by), decided_at = COALESCE($7, decided_at),
          reject_reason = COALESCE($8, reject_reason), lifecycle = CASE WHEN $1 = 'released' THEN 'released' ELSE lifecycle END
        WHERE id = $9 AND status = $10 AND revision = $11`, [
        change.to.status, change.to.revision, JSON.stringify(change.authors), change.at,
        change.facts ? JSON.stringify(change.facts) : null, change.decision?.actorId ?? null,
        change.decision ? change.at : null, change.decision?.kind === 'rejected' ? (change.decision.reason ?? '') : null,
        change.caseId, change.from.status, change.from.revision,
      ]);
      if (moved.rowCount === 0) {
        await client.query('ROLLBACK');
        return false;
      }
      await runAll(client, deadlineStatements(change.caseId, change.deadlines, change.at));
      const items: LedgerItem[] = [];
      if (change.newRevision) items.push(await insertRevision(client, change.caseId, change.newRevision));
      if (change.decision) {
        const d = {
          case_id: change.caseId, decision: change.decision.kind, revision: change.from.revision,
          actor_id: change.decision.actorId, reason: change.decision.reason ?? null, decided_at: change.at,
        };
        await client.query('INSERT INTO decisions (case_id, decision, revision, actor_id, reason, decided_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [d.case_id, d.decision, d.revision, d.actor_id, d.reason, d.decided_at]);
        items.push(itemOf('decision', d));
      }
      if (change.release) items.push(await insertOutbox(client, change.caseId, 'reply', change.release.releaseId, JSON.stringify(change.release), change.at));
      for (const a of change.audit) items.push(await insertAudit(client, a));
      await appendLink(client, change.at, items, this.auditKey);
      await client.query('COMMIT');
      return true;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async applyLifecycleChange(change: LifecycleChange): Promise<boolean> {
    const applied = await this.tx(async (c) => {
      const moved = await c.query(`UPDATE cases SET lifecycle = $1, lifecycle_seq = $2, lifecycle_data = $3, updated_at = $4
        WHERE id = $5 AND status = 'released' AND lifecycle = $6 AND lifecycle_seq = $7`,
      [change.to.state, change.to.seq, JSON.stringify(change.data), change.at, change.caseId, change.from.state, change.from.seq]);
      if (moved.rowCount === 0) return false;
      await runAll(c, deadlineStatements(change.caseId, change.deadlines, change.at));
      const items: LedgerItem[] = [];
      if (change.message) items.push(await insertOutbox(c, change.caseId, change.message.kind ?? 'follow_up', change.message.releaseId, JSON.stringify(change.message), change.at));
      for (const a of change.audit) items.push(await insertAudit(c, a));
      await appendLink(c, change.at, items, this.auditKey);
      return true;
    });
    return applied;
  }

  async listDeadlines(caseId: string): Promise<Deadline[]> {
    const { rows } = await this.pool.query<DeadlineRow>('SELECT * FROM case_deadlines WHERE case_id = $1 ORDER BY due_at, kind', [caseId]);
    return rows.map(rowToDeadline);
  }

  async claimDueDeadlines(now: string, limit: number): Promise<ClaimedNotice[]> {
    // Rows another process is claiming right now are skipped, not waited for; a committed claim no longer matches.
    return this.tx(async (c) => {
      const { rows } = await c.query<{ case_id: string; kind: DeadlineKind; due_at: string; notice: NoticeKind }>(`UPDATE case_deadlines d SET
          escalated_at = CASE WHEN d.due_at <= $1 THEN $1 ELSE d.escalated_at END, reminded_at = COALESCE(d.reminded_at, $1)
        FROM (SELECT case_id, kind FROM case_deadlines WHERE ${numbered(DUE_CONDITION, 2)}
          ORDER BY due_at, case_id, kind LIMIT $5 FOR UPDATE SKIP LOCKED) s
        WHERE d.case_id = s.case_id AND d.kind = s.kind
        RETURNING d.case_id, d.kind, d.due_at, CASE WHEN d.due_at <= $1 THEN 'escalation' ELSE 'reminder' END AS notice`, [now, now, now, now, limit]);
      const claimed = rows.map((r) => ({ caseId: r.case_id, kind: r.kind, dueAt: r.due_at, notice: r.notice }))
        .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
      const items: LedgerItem[] = [];
      for (const n of claimed) items.push(await insertAudit(c, { caseId: n.caseId, at: now, actorId: 'settle', action: n.notice === 'reminder' ? 'reminded' : 'escalated', detail: { deadline: n.kind, dueAt: n.dueAt } }));
      await appendLink(c, now, items, this.auditKey);
      return claimed;
    });
  }

  async setChannel(caseId: string, channel: ChannelRef): Promise<void> {
    await this.pool.query('UPDATE cases SET channel = $1 WHERE id = $2', [JSON.stringify(channel), caseId]);
  }

  async appendAudit(entry: NewAudit): Promise<void> {
    await this.tx(async (c) => appendLink(c, entry.at, [await insertAudit(c, entry)], this.auditKey));
  }

  async *ledgerLinks(): AsyncIterable<LedgerLink> {
    for (let after = 0; ;) {
      const { rows } = await this.pool.query<LedgerRow>('SELECT * FROM ledger WHERE seq > $1 ORDER BY seq LIMIT 2000', [after]);
      if (!rows.length) return;
      for (const r of rows) yield { seq: num(r.seq), at: r.at, items: JSON.parse(r.items) as LedgerItem[], alg: r.alg, mac: r.mac };
      after = num(rows[rows.length - 1]!.seq);
    }
  }

  async *protectedItems(): AsyncIterable<LedgerItem> {
    yield* protectedItemsOf(this.pool);
  }

  async listAudit(caseId: string): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditRow>('SELECT * FROM audit_log WHERE case_id = $1 ORDER BY seq', [caseId]);
    return rows.map((r) => rowToAudit({ ...r, seq: num(r.seq) }));
  }

  async getRelease(caseId: string, kind: OutboxKind = 'reply'): Promise<OutboxItem | undefined> {
    const { rows } = await this.pool.query<OutboxRow>('SELECT * FROM outbox WHERE case_id = $1 AND kind = $2', [caseId, kind]);
    return rows[0] ? rowToOutbox(rows[0]) : undefined;
  }

  async listDueReleases(now: string, limit: number): Promise<OutboxItem[]> {
    const { rows } = await this.pool.query<OutboxRow>(`SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1
      ORDER BY next_attempt_at, created_at LIMIT $2`, [now, limit]);
    return rows.map(rowToOutbox);
  }

  async claimDueReleases(now: string, limit: number, leaseUntil: string): Promise<OutboxItem[]> {
    // Rows another process is claiming right now are skipped, not waited for.
    const { rows } = await this.pool.query<OutboxRow>(`UPDATE outbox SET next_attempt_at = $3 WHERE id IN (
        SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1
        ORDER BY next_attempt_at, created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING *`, [now, limit, leaseUntil]);
    return rows.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0)).map(rowToOutbox);
  }

  async countPendingReleases(): Promise<number> {
    return num((await this.pool.query<{ n: string }>("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")).rows[0]?.n);
  }

  async markDelivered(id: string, at: string): Promise<void> {
    await this.pool.query(`UPDATE outbox SET status = 'delivered', delivered_at = $1, attempts = attempts + 1, last_error = NULL
      WHERE id = $2 AND status = 'pending'`, [at, id]);
  }

  async markAttemptFailed(id: string, error: string, nextAttemptAt: string): Promise<void> {
    await this.pool.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2
      WHERE id = $3 AND status = 'pending'`, [error.slice(0, 500), nextAttemptAt, id]);
  }

  async tryLease(name: string, holder: string, now: string, until: string): Promise<boolean> {
    const taken = await this.pool.query(`INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
      ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
      WHERE leases.holder = excluded.holder OR leases.expires_at <= $4`, [name, holder, until, now]);
    return (taken.rowCount ?? 0) > 0;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.pool.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async rememberRequest(key: string, now: string, expiresAt: string): Promise<boolean> {
    await this.pool.query('DELETE FROM seen_requests WHERE expires_at <= $1', [now]);
    const r = await this.pool.query('INSERT INTO seen_requests (key, expires_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, expiresAt]);
    return (r.rowCount ?? 0) > 0;
  }

  async keepEdit(caseId: string, actorId: string, edit: KeptEdit, at: string): Promise<void> {
    await this.pool.query('DELETE FROM kept_edits WHERE kept_at < $1', [keptEditCutoff(at)]);
    await this.pool.query(`INSERT INTO kept_edits (case_id, actor_id, edit, kept_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (case_id, actor_id) DO UPDATE SET edit = excluded.edit, kept_at = excluded.kept_at`, [caseId, actorId, JSON.stringify(edit), at]);
  }

  async getKeptEdit(caseId: string, actorId: string): Promise<KeptEdit | undefined> {
    const { rows } = await this.pool.query<{ edit: string }>('SELECT edit FROM kept_edits WHERE case_id = $1 AND actor_id = $2', [caseId, actorId]);
    return rows[0] ? (JSON.parse(rows[0].edit) as KeptEdit) : undefined;
  }

  async forgetEdit(caseId: string, actorId: string): Promise<void> {
    await this.pool.query('DELETE FROM kept_edits WHERE case_id = $1 AND actor_id = $2', [caseId, actorId]);
  }

  async setLastOpened(actorId: string, caseId: string, at: string): Promise<void> {
    await this.pool.query(`INSERT INTO last_opened (actor_id, case_id, opened_at) VALUES ($1, $2, $3)
      ON CONFLICT (actor_id) DO UPDATE SET case_id = excluded.case_id, opened_at = excluded.opened_at`, [actorId, caseId, at]);
  }

  async getLastOpened(actorId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ case_id: string }>('SELECT case_id FROM last_opened WHERE actor_id = $1', [actorId]);
    return rows[0]?.case_id;
  }

  async listReportCases(range: TimeRange): Promise<ReportCase[]> {
    return queryReportCasesPg(this.pool, range);
  }

  async trainingFigures(range: TimeRange): Promise<TrainingFigures> {
    return queryTrainingFiguresPg(this.pool, range);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

type Queryable = Pick<pg.PoolClient, 'query'>;

async function insertRevision(c: Queryable, caseId: string, rev: DraftRevision): Promise<LedgerItem> {
  const row = { case_id: caseId, revision: rev.revision, draft: JSON.stringify(rev.draft), author_id: rev.authorId, cause: rev.cause, created_at: rev.createdAt };
  await c.query('INSERT INTO draft_revisions (case_id, revision, draft, author_id, cause, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [row.case_id, row.revision, row.draft, row.author_id, row.cause, row.created_at]);
  return itemOf('revision', row);
}

/** Personal data in the entry is masked (the case message keeps it, for re-drafting). */
async function insertAudit(c: Queryable, a: NewAudit): Promise<LedgerItem> {
  const row = { case_id: a.caseId, at: a.at, actor_id: a.actorId, action: a.action, detail: JSON.stringify(maskAuditDetail(a.detail)) };
  const { rows } = await c.query<{ seq: string }>('INSERT INTO audit_log (case_id, at, actor_id, action, detail) VALUES ($1, $2, $3, $4, $5) RETURNING seq',
    [row.case_id, row.at, row.actor_id, row.action, row.detail]);
  return itemOf('audit', { ...row, seq: num(rows[0]?.seq) });
}

/** The advisory lock that orders ledger links across processes (held to the end of the transaction). */
export const LEDGER_LOCK_KEY = 0x5e771f;

interface LedgerRow {
  seq: string;
  at: string;
  items: string;
  alg: LedgerAlg;
  mac: string;
}

/**
 * The last step of every protected write: under the ledger lock, chain one link after the last.
 * Taken last, so the lock's holder waits for nothing else before it commits (no deadlock).
 */
async function appendLink(c: Queryable, at: string, items: LedgerItem[], key: string | undefined): Promise<void> {
  if (!items.length) return;
  await c.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_LOCK_KEY]);
  const { rows } = await c.query<{ seq: string; mac: string }>('SELECT seq, mac FROM ledger ORDER BY seq DESC LIMIT 1');
  const link = nextLink(rows[0] ? { seq: num(rows[0].seq), mac: rows[0].mac } : undefined, at, items, key);
  await c.query('INSERT INTO ledger (seq, at, items, alg, mac) VALUES ($1, $2, $3, $4, $5)', [link.seq, link.at, JSON.stringify(link.items), link.alg, link.mac]);
}

/** Every protected row as a ledger item, table by table, in pages by primary key. */
async function* protectedItemsOf(c: Queryable): AsyncGenerator<LedgerItem> {
  for (const kind of PROTECTED_KINDS) {
    const spec = PROTECTED[kind];
    const keys: readonly string[] = spec.key;
    const cols = [...new Set([...keys, ...spec.columns])].join(', ');
    for (let after: unknown[] | undefined; ;) {
      const where = after ? `WHERE (${keys.join(', ')}) > (${keys.map((_, i) => `$${i + 1}`).join(', ')})` : '';
      const { rows } = await c.query<Record<string, unknown>>(`SELECT ${cols} FROM ${spec.table} ${where} ORDER BY ${keys.join(', ')} LIMIT 2000`, after ?? []);
      if (!rows.length) break;
      for (const row of rows) yield itemOf(kind, row);
      const last = rows[rows.length - 1]!;
      after = keys.map((k) => last[k]);
    }
  }
}

/** Migration 3 on a database with cases: link 1 adopts the existing rows as one digest (sqlite-store.ts). */
async function adoptLegacyRows(c: Queryable, key: string | undefined): Promise<void> {
  const items: LedgerItem[] = [];
  for await (const item of protectedItemsOf(c)) items.push(item);
  if (!items.length) return;
  const { rows } = await c.query<{ at: string | null }>('SELECT MAX(at) AS at FROM audit_log');
  await appendLink(c, rows[0]?.at ?? '', [[LEGACY_REF, legacyDigest(items)]], key);
}

async function runAll(c: Queryable, statements: [string, unknown[]][]): Promise<void> {
  for (const [sql, args] of statements) await c.query(numbered(sql), args);
}

/** An outbox message (the reply, or the follow-up), as the ledger item that covers it. */
async function insertOutbox(c: Queryable, caseId: string, kind: OutboxKind, id: string, payload: string, at: string): Promise<LedgerItem> {
  await c.query(`INSERT INTO outbox (id, case_id, kind, payload, status, attempts, next_attempt_at, created_at)
      VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6)`, [id, caseId, kind, payload, at, at]);
  return itemOf('release', { id, case_id: caseId, payload, created_at: at });
}
