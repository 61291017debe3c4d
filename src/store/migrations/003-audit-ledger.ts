import type { Migration } from './migration.ts';

/**
 * The tamper-evident ledger (src/store/audit-chain.ts, docs/audit.md) and triggers that refuse,
 * at the database level, what no Settle code does: replacing an audit entry (SQLite's
 * `INSERT OR REPLACE` deletes the old row without firing its DELETE trigger), editing or deleting
 * a decision, a draft revision or a ledger link, deleting a case or a release, or changing a
 * case's message or a release's payload. Someone who can drop these triggers can still change
 * rows: the ledger is what shows it.
 */
const refuse = (name: string, table: string, event: string, when: string, message: string) =>
  `CREATE TRIGGER ${name} BEFORE ${event} ON ${table}${when ? ` WHEN ${when}` : ''} BEGIN SELECT RAISE(ABORT, '${message}'); END;`;

export const auditLedger: Migration = {
  version: 3,
  name: 'audit-ledger',
  sql: {
    sqlite: `
CREATE TABLE ledger (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  items TEXT NOT NULL,
  alg TEXT NOT NULL CHECK (alg IN ('hmac-sha256','sha256')),
  mac TEXT NOT NULL
);
${refuse('ledger_no_update', 'ledger', 'UPDATE', '', 'ledger is append-only')}
${refuse('ledger_no_delete', 'ledger', 'DELETE', '', 'ledger is append-only')}
${refuse('ledger_no_replace', 'ledger', 'INSERT', 'EXISTS (SELECT 1 FROM ledger WHERE seq = NEW.seq)', 'ledger is append-only')}
${refuse('audit_log_no_replace', 'audit_log', 'INSERT', 'EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq)', 'audit_log is append-only')}
${refuse('decisions_no_update', 'decisions', 'UPDATE', '', 'decisions are final')}
${refuse('decisions_no_delete', 'decisions', 'DELETE', '', 'decisions are final')}
${refuse('decisions_no_replace', 'decisions', 'INSERT', 'EXISTS (SELECT 1 FROM decisions WHERE case_id = NEW.case_id)', 'decisions are final: UNIQUE case_id')}
${refuse('draft_revisions_no_update', 'draft_revisions', 'UPDATE', '', 'draft revisions are append-only')}
${refuse('draft_revisions_no_delete', 'draft_revisions', 'DELETE', '', 'draft revisions are append-only')}
${refuse('draft_revisions_no_replace', 'draft_revisions', 'INSERT', 'EXISTS (SELECT 1 FROM draft_revisions WHERE case_id = NEW.case_id AND revision = NEW.revision)', 'draft revisions are append-only')}
${refuse('outbox_no_delete', 'outbox', 'DELETE', '', 'releases are never deleted')}
${refuse('outbox_no_rewrite', 'outbox', 'UPDATE', 'NEW.id IS NOT OLD.id OR NEW.case_id IS NOT OLD.case_id OR NEW.payload IS NOT OLD.payload OR NEW.created_at IS NOT OLD.created_at', 'a release payload is never rewritten')}
${refuse('outbox_no_replace', 'outbox', 'INSERT', 'EXISTS (SELECT 1 FROM outbox WHERE id = NEW.id OR case_id = NEW.case_id)', 'one release per case: UNIQUE case_id, never replaced')}
${refuse('cases_no_delete', 'cases', 'DELETE', '', 'cases are never deleted')}
${refuse('cases_no_rewrite', 'cases', 'UPDATE', 'NEW.id IS NOT OLD.id OR NEW.message IS NOT OLD.message OR NEW.order_id IS NOT OLD.order_id OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at', 'a case message is never rewritten')}
${refuse('cases_no_replace', 'cases', 'INSERT', 'EXISTS (SELECT 1 FROM cases WHERE id = NEW.id)', 'cases are never replaced')}
`,
    postgres: `
CREATE TABLE ledger (
  seq BIGINT PRIMARY KEY,
  at TEXT COLLATE "C" NOT NULL,
  items TEXT NOT NULL,
  alg TEXT NOT NULL CHECK (alg IN ('hmac-sha256','sha256')),
  mac TEXT NOT NULL
);
CREATE FUNCTION settle_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END $$;
CREATE FUNCTION settle_outbox_no_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.case_id IS DISTINCT FROM OLD.case_id OR NEW.payload IS DISTINCT FROM OLD.payload
     OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'a release payload is never rewritten';
  END IF;
  RETURN NEW;
END $$;
CREATE FUNCTION settle_cases_no_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.message IS DISTINCT FROM OLD.message OR NEW.order_id IS DISTINCT FROM OLD.order_id
     OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'a case message is never rewritten';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger FOR EACH ROW EXECUTE FUNCTION settle_refuse('ledger is append-only');
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger FOR EACH ROW EXECUTE FUNCTION settle_refuse('ledger is append-only');
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger FOR EACH STATEMENT EXECUTE FUNCTION settle_refuse('ledger is append-only');
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions FOR EACH ROW EXECUTE FUNCTION settle_refuse('decisions are final');
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION settle_refuse('decisions are final');
CREATE TRIGGER draft_revisions_no_update BEFORE UPDATE ON draft_revisions FOR EACH ROW EXECUTE FUNCTION settle_refuse('draft revisions are append-only');
CREATE TRIGGER draft_revisions_no_delete BEFORE DELETE ON draft_revisions FOR EACH ROW EXECUTE FUNCTION settle_refuse('draft revisions are append-only');
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox FOR EACH ROW EXECUTE FUNCTION settle_refuse('releases are never deleted');
CREATE TRIGGER outbox_no_rewrite BEFORE UPDATE ON outbox FOR EACH ROW EXECUTE FUNCTION settle_outbox_no_rewrite();
CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases FOR EACH ROW EXECUTE FUNCTION settle_refuse('cases are never deleted');
CREATE TRIGGER cases_no_rewrite BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION settle_cases_no_rewrite();
`,
  },
};
