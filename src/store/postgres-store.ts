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
import { rowToAudit, rowToCase, rowToOutbox, rowToRevision, type AuditRow, type CaseRow, type OutboxRow, type RevisionRow } from './rows.ts';
import { keptEditCutoff, type CaseChange, type CaseFilter, type CaseRecord, type CaseWithDraft, type NewAudit, type OutboxItem, type Store } from './store.ts';
import type { TrainingStore } from './training-store.ts';

export interface PostgresStoreOptions {
  /** Connections in this process's pool. */
  maxConnections?: number;
}

const CASE_SELECT = `SELECT c.*, r.draft AS draft FROM cases c
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
    applied = await migratePostgres(pool);
  } catch (e) {
    await pool.end().catch(() => undefined);
    if (isUserError(e)) throw e;
    throw new UserError('config_invalid', `Cannot open the Postgres case store at ${describePostgresUrl(url)} (SETTLE_DATABASE_URL): ${(e as Error).message}`);
  }
  return new PostgresStore(pool, describePostgresUrl(url), applied);
}

/** BIGSERIAL and COUNT come back as strings: numbers here (they stay far below 2^53). */
const num = (v: unknown): number => Number(v);

export class PostgresStore implements Store {
  readonly training: TrainingStore;

  /** @param appliedAtOpen the migration versions this process applied when it opened the store */
  constructor(readonly pool: pg.Pool, readonly describe: string, readonly appliedAtOpen: number[] = []) {
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

  async createCase(rec: Omit<CaseRecord, 'id'>, first: DraftRevision, audit: Omit<NewAudit, 'caseId'>[]): Promise<string> {
    return this.tx(async (c) => {
      const id = `c${num((await c.query<{ n: string }>("SELECT nextval('case_ids') AS n")).rows[0]?.n)}`;
      await c.query(`INSERT INTO cases (id, status, revision, message, order_id, lang, facts, customer, classification,
          created_by, authors, created_at, updated_at, channel) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`, [
        id, rec.status, rec.revision, rec.message, rec.orderId ?? null, rec.lang ?? null, JSON.stringify(rec.facts),
        rec.customer ? JSON.stringify(rec.customer) : null, JSON.stringify(rec.classification), rec.createdBy,
        JSON.stringify(rec.authors), rec.createdAt, rec.updatedAt, rec.channel ? JSON.stringify(rec.channel) : null,
      ]);
      await insertRevision(c, id, { ...first, draft: { ...first.draft, id } });
      for (const a of audit) await insertAudit(c, { ...a, caseId: id });
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
    if (filter.status?.length) {
      args.push(filter.status);
      where.push(`c.status = ANY($${args.length})`);
    }
    if (filter.createdBy) {
      args.push(filter.createdBy);
      where.push(`c.created_by = $${args.length}`);
    }
    args.push(filter.limit ?? 50, filter.offset ?? 0);
    const sql = `${CASE_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.created_at, c.seq LIMIT $${args.length - 1} OFFSET $${args.length}`;
    const { rows } = await this.pool.query<CaseRow>(sql, args);
    return rows.map(rowToCase);
  }

  async applyChange(change: CaseChange): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const moved = await client.query(`UPDATE cases SET status = $1, revision = $2, authors = $3, updated_at = $4,
          facts = COALESCE($5, facts), decided_by = COALESCE($6, decided_by), decided_at = COALESCE($7, decided_at),
          reject_reason = COALESCE($8, reject_reason)
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
      if (change.newRevision) await insertRevision(client, change.caseId, change.newRevision);
      if (change.decision) {
        await client.query('INSERT INTO decisions (case_id, decision, revision, actor_id, reason, decided_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [change.caseId, change.decision.kind, change.from.revision, change.decision.actorId, change.decision.reason ?? null, change.at]);
      }
      if (change.release) {
        await client.query(`INSERT INTO outbox (id, case_id, payload, status, attempts, next_attempt_at, created_at)
            VALUES ($1, $2, $3, 'pending', 0, $4, $5)`, [change.release.releaseId, change.caseId, JSON.stringify(change.release), change.at, change.at]);
      }
      for (const a of change.audit) await insertAudit(client, a);
      await client.query('COMMIT');
      return true;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async setChannel(caseId: string, channel: ChannelRef): Promise<void> {
    await this.pool.query('UPDATE cases SET channel = $1 WHERE id = $2', [JSON.stringify(channel), caseId]);
  }

  async appendAudit(entry: NewAudit): Promise<void> {
    await insertAudit(this.pool, entry);
  }

  async listAudit(caseId: string): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditRow>('SELECT * FROM audit_log WHERE case_id = $1 ORDER BY seq', [caseId]);
    return rows.map((r) => rowToAudit({ ...r, seq: num(r.seq) }));
  }

  async getRelease(caseId: string): Promise<OutboxItem | undefined> {
    const { rows } = await this.pool.query<OutboxRow>('SELECT * FROM outbox WHERE case_id = $1', [caseId]);
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

  async close(): Promise<void> {
    await this.pool.end();
  }
}

type Queryable = Pick<pg.PoolClient, 'query'>;

async function insertRevision(c: Queryable, caseId: string, rev: DraftRevision): Promise<void> {
  await c.query('INSERT INTO draft_revisions (case_id, revision, draft, author_id, cause, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [caseId, rev.revision, JSON.stringify(rev.draft), rev.authorId, rev.cause, rev.createdAt]);
}

async function insertAudit(c: Queryable, a: NewAudit): Promise<void> {
  await c.query('INSERT INTO audit_log (case_id, at, actor_id, action, detail) VALUES ($1, $2, $3, $4, $5)',
    [a.caseId, a.at, a.actorId, a.action, JSON.stringify(a.detail)]);
}
