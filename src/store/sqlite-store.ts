/**
 * The default Store: one SQLite file through better-sqlite3, WAL mode.
 *
 * Why better-sqlite3 directly rather than Kysely: its synchronous API lets each compare-and-set
 * run as one `BEGIN IMMEDIATE` transaction with no awaits inside, so nothing interleaves with a
 * half-applied move; the SQL is plain and portable, and the async `Store` port (store.ts) is the
 * seam where a Postgres implementation plugs in.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fstatSync, fsync, openSync } from 'node:fs';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import type { AuditEntry, ChannelRef, DraftRevision, KeptEdit } from './records.ts';
import { isUserError, UserError } from '../core/errors.ts';
import type { Order } from '../core/types.ts';
import {
  FALLBACK_AUTOCHECKPOINT_PAGES, JOURNAL_SIZE_LIMIT_BYTES, startBackgroundCheckpoint, WAL_TRUNCATE_BYTES, type BackgroundCheckpoint,
} from './background-checkpoint.ts';
import { runUnderLease, type LeaseRunner } from './lease-runner.ts';
import { migrateSqlite } from './migrate-sqlite.ts';
import { queryReportCases, queryTrainingFigures, type ReportCase, type TimeRange, type TrainingFigures } from './report-query.ts';
import { rowToAudit, rowToCase, rowToDeadline, rowToOutbox, rowToRevision, type AuditRow, type CaseRow, type DeadlineRow, type OutboxRow, type RevisionRow } from './rows.ts';
import { keptEditCutoff, type CaseChange, type CaseFilter, type CaseRecord, type CaseWithDraft, type ClaimedNotice, type LifecycleChange, type NewAudit, type OutboxItem, type OutboxKind, type Store } from './store.ts';
import type { Deadline, DeadlineKind, NoticeKind } from '../core/lifecycle/deadlines.ts';
import { deadlineStatements, DUE_CONDITION, NEXT_DUE, OPEN_CASES } from './lifecycle-sql.ts';
import { sqliteTrainingStore } from './sqlite-training-store.ts';
import type { TrainingStore } from './training-store.ts';
import { preparePrivateFile } from '../private-files.ts';
import {
  itemOf, LEGACY_REF, legacyDigest, nextLink, PROTECTED, PROTECTED_KINDS, type LedgerAlg, type LedgerItem, type LedgerLink, type ProtectedKind,
} from './audit-chain.ts';
import { maskAuditDetail } from './mask-audit.ts';
import { auditLedger } from './migrations/003-audit-ledger.ts';

export interface SqliteStoreOptions {
  /** Milliseconds a writer waits for another process's write lock before failing. */
  busyTimeoutMs?: number;
  /**
   * FULL (default): a committed decision survives power loss. NORMAL: survives a killed process
   * but may lose the last commits on power loss — faster; the benchmark reports both.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * Checkpoint the WAL from a worker thread (default true for a file) so that no request pays
   * for a checkpoint; see background-checkpoint.ts.
   */
  backgroundCheckpoint?: boolean;
  /** How an open failure names the store and its setting (the training CLI says "training store"). */
  describe?: { what: string; setting: string };
  /** SETTLE_AUDIT_KEY: ledger links are HMACs under it (else a plain hash chain). */
  auditKey?: string;
}

const fsyncAsync = promisify(fsync);

/**
 * The lease of the background WAL checkpoint, and how long a dead holder keeps it: renewed every
 * 5 s (one small write), and a checkpoint may wait 15 s for a new holder (SQLite's own
 * auto-checkpoint covers the gap).
 */
export const CHECKPOINT_LEASE = 'sqlite-wal-checkpoint';
export const CHECKPOINT_LEASE_MS = 15_000;

const CASE_SELECT = `SELECT c.*, r.draft AS draft, ${NEXT_DUE} FROM cases c
  JOIN draft_revisions r ON r.case_id = c.id AND r.revision = c.revision`;

/** Opens (creating the file and its directory) and migrates a SQLite store. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  let db: Database.Database | undefined;
  const busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
  try {
    if (path !== ':memory:') preparePrivateFile(path);
    db = new Database(path);
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
    const opened = db;
    const applied = migrateSqlite(opened, undefined, undefined, (versions) => {
      if (versions.includes(auditLedger.version)) adoptLegacyRows(opened, options.auditKey);
    });
    if (path === ':memory:' || options.backgroundCheckpoint === false) return new SqliteStore(db, undefined, applied, options.auditKey);
    db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    const walPath = (options.synchronous ?? 'FULL') === 'FULL' ? `${path}-wal` : undefined;
    const store = new SqliteStore(db, walPath, applied, options.auditKey);
    // One checkpointer for every process on the file: checkpoints are file-wide, so the others
    // would only compete for the same lock. The lease moves to another process when this one dies.
    store.background = runUnderLease({
      store, name: CHECKPOINT_LEASE, ttlMs: CHECKPOINT_LEASE_MS, clock: () => new Date(),
      start: () => (store.checkpointer = startBackgroundCheckpoint(path, busyTimeoutMs)),
    });
    return store;
  } catch (e) {
    db?.close();
    if (isUserError(e)) throw e;
    // A wrong path, a directory, a read-only disk or a file that is not a database: say which file.
    const { what, setting } = options.describe ?? { what: 'case store', setting: 'SETTLE_DB_PATH' };
    throw new UserError('config_invalid', `Cannot open the ${what} at ${path} (${setting}): ${(e as Error).message}`);
  }
}

export class SqliteStore implements Store {
  /** Prepared statements by SQL text: compiling SQL costs more than running these small statements. */
  private readonly statements = new Map<string, Database.Statement>();

  /** The WAL file, for fsyncs off the main thread (only with synchronous FULL on a file). */
  private walFd: number | undefined;

  /** The training tables on this same connection. */
  readonly training: TrainingStore;

  /** The background work this process runs while it holds its lease (the WAL checkpoint). */
  background: LeaseRunner | undefined;

  /** The checkpoint worker, while this process holds the lease (see `boundWal`). */
  checkpointer: BackgroundCheckpoint | undefined;

  /** Writes since the WAL's size was last looked at (see `boundWal`). */
  private writesSinceWalCheck = 0;

  constructor(readonly db: Database.Database, walPath?: string, readonly appliedAtOpen: number[] = [], private readonly auditKey?: string) {
    this.training = sqliteTrainingStore(db);
    try {
      if (walPath) this.walFd = openSync(walPath, 'r');
    } catch {
      // No WAL file to hold: every write keeps SQLite's own synchronous commit.
    }
  }

  /** The statement for `sql`, compiled once per connection. */
  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async upsertOrders(orders: Order[], at: string): Promise<number> {
    const put = this.prepare(`INSERT INTO orders (id, currency, total_minor, data, imported_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET currency = excluded.currency, total_minor = excluded.total_minor, data = excluded.data, imported_at = excluded.imported_at`);
    const run = this.db.transaction((list: Order[]) => {
      for (const o of list) put.run(o.id, o.currency, o.totalMinor, JSON.stringify(o), at);
      return list.length;
    });
    return run.immediate(orders);
  }

  async getOrder(id: string): Promise<Order | undefined> {
    const row = this.prepare('SELECT data FROM orders WHERE id = ?').get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Order) : undefined;
  }

  async createCase(rec: Omit<CaseRecord, 'id'>, first: DraftRevision, audit: Omit<NewAudit, 'caseId'>[], deadlines: Deadline[] = []): Promise<string> {
    const run = this.db.transaction((): string => {
      const id = `c${Number(this.prepare('INSERT INTO case_ids DEFAULT VALUES').run().lastInsertRowid)}`;
      this.prepare(`INSERT INTO cases (id, status, revision, message, order_id, lang, facts, customer, classification,
          created_by, authors, created_at, updated_at, channel, lifecycle_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        id, rec.status, rec.revision, rec.message, rec.orderId ?? null, rec.lang ?? null, JSON.stringify(rec.facts),
        rec.customer ? JSON.stringify(rec.customer) : null, JSON.stringify(rec.classification), rec.createdBy,
        JSON.stringify(rec.authors), rec.createdAt, rec.updatedAt, rec.channel ? JSON.stringify(rec.channel) : null, JSON.stringify(rec.lifecycleData ?? {}),
      );
      const items: LedgerItem[] = [itemOf('case', { id, message: rec.message, order_id: rec.orderId ?? null, created_by: rec.createdBy, created_at: rec.createdAt })];
      items.push(this.insertRevision(id, { ...first, draft: { ...first.draft, id } }));
      for (const a of audit) items.push(this.insertAudit({ ...a, caseId: id }));
      this.runAll(deadlineStatements(id, { open: deadlines, meet: [] }, rec.createdAt));
      // A deadline met as the case is filed (a review's analysis): opened, then met, at filing.
      this.runAll(deadlineStatements(id, { open: [], meet: deadlines.filter((d) => d.metAt).map((d) => d.kind) }, rec.createdAt));
      this.appendLink(rec.createdAt, items);
      return id;
    });
    return this.syncOffThread(() => run.immediate());
  }

  async getCase(id: string): Promise<CaseWithDraft | undefined> {
    const row = this.prepare(`${CASE_SELECT} WHERE c.id = ?`).get(id) as CaseRow | undefined;
    return row ? rowToCase(row) : undefined;
  }

  async listRevisions(caseId: string): Promise<DraftRevision[]> {
    const rows = this.prepare('SELECT * FROM draft_revisions WHERE case_id = ? ORDER BY revision').all(caseId) as RevisionRow[];
    return rows.map(rowToRevision);
  }

  async listCases(filter: CaseFilter = {}): Promise<CaseWithDraft[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.open) where.push(OPEN_CASES);
    else if (filter.status?.length) {
      where.push(`c.status IN (${filter.status.map(() => '?').join(', ')})`);
      args.push(...filter.status);
    }
    if (filter.createdBy) {
      where.push('c.created_by = ?');
      args.push(filter.createdBy);
    }
    const sql = `${CASE_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${filter.order === 'deadline' ? 'next_due_at ASC NULLS LAST, ' : ''}c.created_at, c.rowid LIMIT ? OFFSET ?`;
    const rows = this.prepare(sql).all(...args, filter.limit ?? 50, filter.offset ?? 0) as CaseRow[];
    return rows.map(rowToCase);
  }

  async applyChange(change: CaseChange): Promise<boolean> {
    const run = this.db.transaction((): boolean => {
      const moved = this.prepare(`UPDATE cases SET status = ?, revision = ?, authors = ?, updated_at = ?,
          facts = COALESCE(?, facts), decided_by = COALESCE(?, decided_by), decided_at = COALESCE(?, decided_at),
          reject_reason = COALESCE(?, reject_reason), lifecycle = CASE WHEN ? = 'released' THEN 'released' ELSE lifecycle END
        WHERE id = ? AND status = ? AND revision = ?`).run(
        change.to.status, change.to.revision, JSON.stringify(change.authors), change.at,
        change.facts ? JSON.stringify(change.facts) : null, change.decision?.actorId ?? null,
        change.decision ? change.at : null, change.decision?.kind === 'rejected' ? (change.decision.reason ?? '') : null,
        change.to.status, change.caseId, change.from.status, change.from.revision,
      );
      if (moved.changes === 0) return false;
      this.runAll(deadlineStatements(change.caseId, change.deadlines, change.at));
      const items: LedgerItem[] = [];
      if (change.newRevision) items.push(this.insertRevision(change.caseId, change.newRevision));
      if (change.decision) {
        const d = {
          case_id: change.caseId, decision: change.decision.kind, revision: change.from.revision,
          actor_id: change.decision.actorId, reason: change.decision.reason ?? null, decided_at: change.at,
        };
        this.prepare('INSERT INTO decisions (case_id, decision, revision, actor_id, reason, decided_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(d.case_id, d.decision, d.revision, d.actor_id, d.reason, d.decided_at);
        items.push(itemOf('decision', d));
      }
      if (change.release) items.push(this.insertOutbox(change.caseId, 'reply', change.release.releaseId, JSON.stringify(change.release), change.at));
      for (const a of change.audit) items.push(this.insertAudit(a));
      this.appendLink(change.at, items);
      return true;
    });
    const moved = run.immediate();
    this.boundWal();
    return moved;
  }

  async applyLifecycleChange(change: LifecycleChange): Promise<boolean> {
    const run = this.db.transaction((): boolean => {
      const moved = this.prepare(`UPDATE cases SET lifecycle = ?, lifecycle_seq = ?, lifecycle_data = ?, updated_at = ?
        WHERE id = ? AND status = 'released' AND lifecycle = ? AND lifecycle_seq = ?`).run(
        change.to.state, change.to.seq, JSON.stringify(change.data), change.at, change.caseId, change.from.state, change.from.seq,
      );
      if (moved.changes === 0) return false;
      this.runAll(deadlineStatements(change.caseId, change.deadlines, change.at));
      const items: LedgerItem[] = [];
      if (change.message) items.push(this.insertOutbox(change.caseId, change.message.kind ?? 'follow_up', change.message.releaseId, JSON.stringify(change.message), change.at));
      for (const a of change.audit) items.push(this.insertAudit(a));
      this.appendLink(change.at, items);
      return true;
    });
    const moved = run.immediate();
    this.boundWal();
    return moved;
  }

  async listDeadlines(caseId: string): Promise<Deadline[]> {
    const rows = this.prepare('SELECT * FROM case_deadlines WHERE case_id = ? ORDER BY due_at, kind').all(caseId) as DeadlineRow[];
    return rows.map(rowToDeadline);
  }

  async claimDueDeadlines(now: string, limit: number): Promise<ClaimedNotice[]> {
    // One IMMEDIATE transaction holds SQLite's write lock: no other process claims the same notice.
    const run = this.db.transaction((): ClaimedNotice[] => {
      const rows = this.prepare(`UPDATE case_deadlines SET
          escalated_at = CASE WHEN due_at <= ? THEN ? ELSE escalated_at END, reminded_at = COALESCE(reminded_at, ?)
        WHERE rowid IN (SELECT rowid FROM case_deadlines WHERE ${DUE_CONDITION} ORDER BY due_at, case_id, kind LIMIT ?)
        RETURNING case_id, kind, due_at, CASE WHEN due_at <= ? THEN 'escalation' ELSE 'reminder' END AS notice`)
        .all(now, now, now, now, now, now, limit, now) as { case_id: string; kind: DeadlineKind; due_at: string; notice: NoticeKind }[];
      const claimed = rows.map((r) => ({ caseId: r.case_id, kind: r.kind, dueAt: r.due_at, notice: r.notice }))
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.caseId.localeCompare(b.caseId));
      const items = claimed.map((c) => this.insertAudit({ caseId: c.caseId, at: now, actorId: 'settle', action: c.notice === 'reminder' ? 'reminded' : 'escalated', detail: { deadline: c.kind, dueAt: c.dueAt } }));
      this.appendLink(now, items);
      return claimed;
    });
    return run.immediate();
  }

  private runAll(statements: [string, unknown[]][]): void {
    for (const [sql, args] of statements) this.prepare(sql).run(...args);
  }

  /** An outbox message (the reply, or the follow-up), as the ledger item that covers it. */
  private insertOutbox(caseId: string, kind: OutboxKind, id: string, payload: string, at: string): LedgerItem {
    this.prepare(`INSERT INTO outbox (id, case_id, kind, payload, status, attempts, next_attempt_at, created_at)
        VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`).run(id, caseId, kind, payload, at, at);
    return itemOf('release', { id, case_id: caseId, payload, created_at: at });
  }

  /**
   * Every 64 writes, one fstat of the WAL: past WAL_TRUNCATE_BYTES the worker checkpoints in
   * TRUNCATE mode at once, so the file stays bounded while cases are being filed, not only at
   * rest (the worker also looks at the size on every tick, whichever process wrote).
   */
  private boundWal(): void {
    if (this.walFd === undefined || !this.checkpointer || ++this.writesSinceWalCheck < 64) return;
    this.writesSinceWalCheck = 0;
    try {
      if (fstatSync(this.walFd).size > WAL_TRUNCATE_BYTES) this.checkpointer.truncate();
    } catch {
      // The WAL was removed under us (closing): nothing to bound.
    }
  }

  async setChannel(caseId: string, channel: ChannelRef): Promise<void> {
    await this.syncOffThread(() => this.prepare('UPDATE cases SET channel = ? WHERE id = ?').run(JSON.stringify(channel), caseId));
  }

  async appendAudit(entry: NewAudit): Promise<void> {
    this.db.transaction(() => this.appendLink(entry.at, [this.insertAudit(entry)])).immediate();
  }

  async *ledgerLinks(): AsyncIterable<LedgerLink> {
    for (let after = 0; ;) {
      const rows = this.prepare('SELECT * FROM ledger WHERE seq > ? ORDER BY seq LIMIT 2000').all(after) as LedgerRow[];
      if (!rows.length) return;
      for (const r of rows) yield rowToLink(r);
      after = Number(rows[rows.length - 1]!.seq);
    }
  }

  async *protectedItems(): AsyncIterable<LedgerItem> {
    for (const item of protectedItemsOf(this.db)) yield item;
  }

  async listAudit(caseId: string): Promise<AuditEntry[]> {
    const rows = this.prepare('SELECT * FROM audit_log WHERE case_id = ? ORDER BY seq').all(caseId) as AuditRow[];
    return rows.map(rowToAudit);
  }

  async getRelease(caseId: string, kind: OutboxKind = 'reply'): Promise<OutboxItem | undefined> {
    const row = this.prepare('SELECT * FROM outbox WHERE case_id = ? AND kind = ?').get(caseId, kind) as OutboxRow | undefined;
    return row ? rowToOutbox(row) : undefined;
  }

  async listDueReleases(now: string, limit: number): Promise<OutboxItem[]> {
    const rows = this.prepare(`SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
      ORDER BY next_attempt_at, created_at LIMIT ?`).all(now, limit) as OutboxRow[];
    return rows.map(rowToOutbox);
  }

  async claimDueReleases(now: string, limit: number, leaseUntil: string): Promise<OutboxItem[]> {
    // One IMMEDIATE transaction holds SQLite's write lock: no other process claims the same rows.
    const run = this.db.transaction((): OutboxRow[] => {
      const rows = this.prepare(`SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
        ORDER BY next_attempt_at, created_at LIMIT ?`).all(now, limit) as OutboxRow[];
      const claim = this.prepare('UPDATE outbox SET next_attempt_at = ? WHERE id = ?');
      for (const r of rows) claim.run(leaseUntil, r.id);
      return rows.map((r) => ({ ...r, next_attempt_at: leaseUntil }));
    });
    return run.immediate().map(rowToOutbox);
  }

  async countPendingReleases(): Promise<number> {
    return (this.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n;
  }

  async markDelivered(id: string, at: string): Promise<void> {
    this.prepare(`UPDATE outbox SET status = 'delivered', delivered_at = ?, attempts = attempts + 1, last_error = NULL
      WHERE id = ? AND status = 'pending'`).run(at, id);
  }

  async markAttemptFailed(id: string, error: string, nextAttemptAt: string): Promise<void> {
    this.prepare(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
      WHERE id = ? AND status = 'pending'`).run(error.slice(0, 500), nextAttemptAt, id);
  }

  async tryLease(name: string, holder: string, now: string, until: string): Promise<boolean> {
    const taken = this.prepare(`INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
      WHERE leases.holder = excluded.holder OR leases.expires_at <= ?`).run(name, holder, until, now);
    return taken.changes > 0;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
  }

  async rememberRequest(key: string, now: string, expiresAt: string): Promise<boolean> {
    const run = this.db.transaction((): boolean => {
      this.prepare('DELETE FROM seen_requests WHERE expires_at <= ?').run(now);
      return this.prepare('INSERT INTO seen_requests (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, expiresAt).changes > 0;
    });
    return run.immediate();
  }

  /**
   * Runs a write that carries no decision and triggers nothing outside (a new case, a card's
   * location) with SQLite's own fsync turned off, then fsyncs the WAL on libuv's thread pool:
   * the promise still resolves only once the write is on disk, as with synchronous=FULL, but the
   * main thread does not wait for the disk meanwhile (the fsync was most of a submit's blocking
   * time). Decisions (`applyChange`) keep SQLite's synchronous FULL commit: an approval is
   * durable before anything can read it and release it.
   */
  private async syncOffThread<T>(write: () => T): Promise<T> {
    if (this.walFd === undefined) return write();
    // No automatic checkpoint either: one run without syncs could let the WAL be reused before
    // the pages it copied reach the disk. The background worker checkpoints with syncs.
    this.prepare('PRAGMA synchronous = OFF').run();
    this.prepare('PRAGMA wal_autocheckpoint = 0').run();
    let result: T;
    try {
      result = write();
    } finally {
      this.prepare('PRAGMA synchronous = FULL').run();
      this.prepare(`PRAGMA wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`).run();
    }
    await fsyncAsync(this.walFd);
    this.boundWal();
    return result;
  }

  async keepEdit(caseId: string, actorId: string, edit: KeptEdit, at: string): Promise<void> {
    this.db.transaction(() => {
      this.prepare('DELETE FROM kept_edits WHERE kept_at < ?').run(keptEditCutoff(at));
      this.prepare(`INSERT INTO kept_edits (case_id, actor_id, edit, kept_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (case_id, actor_id) DO UPDATE SET edit = excluded.edit, kept_at = excluded.kept_at`).run(caseId, actorId, JSON.stringify(edit), at);
    }).immediate();
  }

  async getKeptEdit(caseId: string, actorId: string): Promise<KeptEdit | undefined> {
    const row = this.prepare('SELECT edit FROM kept_edits WHERE case_id = ? AND actor_id = ?').get(caseId, actorId) as { edit: string } | undefined;
    return row ? (JSON.parse(row.edit) as KeptEdit) : undefined;
  }

  async forgetEdit(caseId: string, actorId: string): Promise<void> {
    this.prepare('DELETE FROM kept_edits WHERE case_id = ? AND actor_id = ?').run(caseId, actorId);
  }

  async setLastOpened(actorId: string, caseId: string, at: string): Promise<void> {
    this.prepare(`INSERT INTO last_opened (actor_id, case_id, opened_at) VALUES (?, ?, ?)
      ON CONFLICT (actor_id) DO UPDATE SET case_id = excluded.case_id, opened_at = excluded.opened_at`).run(actorId, caseId, at);
  }

  async getLastOpened(actorId: string): Promise<string | undefined> {
    const row = this.prepare('SELECT case_id FROM last_opened WHERE actor_id = ?').get(actorId) as { case_id: string } | undefined;
    return row?.case_id;
  }

  async listReportCases(range: TimeRange): Promise<ReportCase[]> {
    return queryReportCases(this.db, range);
  }

  async trainingFigures(range: TimeRange): Promise<TrainingFigures> {
    return queryTrainingFigures(this.db, range);
  }

  async close(): Promise<void> {
    await this.background?.stop();
    if (this.walFd !== undefined) closeSync(this.walFd);
    this.walFd = undefined;
    if (this.db.open) this.db.close();
  }

  private insertRevision(caseId: string, rev: DraftRevision): LedgerItem {
    const row = { case_id: caseId, revision: rev.revision, draft: JSON.stringify(rev.draft), author_id: rev.authorId, cause: rev.cause, created_at: rev.createdAt };
    this.prepare('INSERT INTO draft_revisions (case_id, revision, draft, author_id, cause, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.case_id, row.revision, row.draft, row.author_id, row.cause, row.created_at);
    return itemOf('revision', row);
  }

  /** Personal data in the entry is masked (the case message keeps it, for re-drafting). */
  private insertAudit(a: NewAudit): LedgerItem {
    const row = { case_id: a.caseId, at: a.at, actor_id: a.actorId, action: a.action, detail: JSON.stringify(maskAuditDetail(a.detail)) };
    const seq = Number(this.prepare('INSERT INTO audit_log (case_id, at, actor_id, action, detail) VALUES (?, ?, ?, ?, ?)')
      .run(row.case_id, row.at, row.actor_id, row.action, row.detail).lastInsertRowid);
    return itemOf('audit', { ...row, seq });
  }

  /** Inside the caller's write transaction: SQLite's write lock orders the links. */
  private appendLink(at: string, items: LedgerItem[]): void {
    appendLinkTo((sql) => this.prepare(sql), at, items, this.auditKey);
  }
}

interface LedgerRow {
  seq: number;
  at: string;
  items: string;
  alg: LedgerAlg;
  mac: string;
}

const rowToLink = (r: LedgerRow): LedgerLink => ({ seq: Number(r.seq), at: r.at, items: JSON.parse(r.items) as LedgerItem[], alg: r.alg, mac: r.mac });

/** `prepare`: the store's statement cache on every write (this runs on each one), plain `db.prepare` once at migration. */
function appendLinkTo(prepare: (sql: string) => Database.Statement, at: string, items: LedgerItem[], key: string | undefined): void {
  if (!items.length) return;
  const last = prepare('SELECT seq, mac FROM ledger ORDER BY seq DESC LIMIT 1').get() as { seq: number; mac: string } | undefined;
  const link = nextLink(last, at, items, key);
  prepare('INSERT INTO ledger (seq, at, items, alg, mac) VALUES (?, ?, ?, ?, ?)').run(link.seq, link.at, JSON.stringify(link.items), link.alg, link.mac);
}

/** Every protected row of the database as a ledger item, table by table. */
function* protectedItemsOf(db: Database.Database): Generator<LedgerItem> {
  for (const kind of PROTECTED_KINDS) {
    const spec = PROTECTED[kind as ProtectedKind];
    // Pages by rowid: nothing is held open between pages (a generator may be paused at a yield).
    const page = db.prepare(`SELECT rowid AS _rowid, ${spec.columns.join(', ')} FROM ${spec.table} WHERE rowid > ? ORDER BY rowid LIMIT 2000`);
    for (let after = 0; ;) {
      const rows = page.all(after) as Record<string, unknown>[];
      if (!rows.length) break;
      for (const row of rows) yield itemOf(kind, row);
      after = Number(rows[rows.length - 1]!._rowid);
    }
  }
}

/**
 * When migration 3 creates the ledger on a file that already holds cases: link 1 adopts every
 * existing protected row as one digest, so they are covered from now on (in the migration's
 * transaction: no other process writes in between).
 */
function adoptLegacyRows(db: Database.Database, key: string | undefined): void {
  const items = [...protectedItemsOf(db)];
  if (!items.length) return;
  const at = (db.prepare('SELECT MAX(at) AS at FROM audit_log').get() as { at: string | null }).at ?? '';
  appendLinkTo((sql) => db.prepare(sql), at, [[LEGACY_REF, legacyDigest(items)]], key);
}

/** A fresh release id: also the webhook's Idempotency-Key. */
export function newReleaseId(): string {
  return `rel_${randomUUID()}`;
}
