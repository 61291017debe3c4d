/**
 * The tamper-evident ledger (docs/audit.md): every store transaction that writes a protected row
 * — a case, a draft revision, a decision, a release, an audit entry — appends ONE link to the
 * `ledger` table in the same transaction. A link lists each row it covers as `[ref, sha256 of the
 * row's immutable columns]` and carries a MAC over its own content and the previous link's MAC:
 * HMAC-SHA256 keyed by SETTLE_AUDIT_KEY (kept outside the database), or with no key a plain
 * SHA-256 chain whose head `settle audit verify` prints so it can be kept elsewhere.
 *
 * `verifyLedger` walks the chain, then compares every protected row in the database with what
 * the chain recorded: an edited row, a deleted one, a forged one (covered by no link), a removed
 * or re-written link all show, and the first broken link is named. It detects; it cannot prevent.
 * Pure apart from node:crypto: both stores feed it the same rows.
 */
import { createHash, createHmac } from 'node:crypto';

export type LedgerAlg = 'hmac-sha256' | 'sha256';

/** One covered row: what it is (`case:c1`, `audit:17` …) and the hash of its immutable columns. */
export type LedgerItem = [ref: string, hash: string];

export interface LedgerLink {
  seq: number;
  at: string;
  items: LedgerItem[];
  alg: LedgerAlg;
  mac: string;
}

/** The MAC the first link chains from. */
export const GENESIS = '0'.repeat(64);

/** The ref of rows that existed before the ledger did (one link covers them as one digest). */
export const LEGACY_REF = 'legacy';

/** The protected tables: primary key (for paging), immutable columns in the order they are hashed, ref. */
export const PROTECTED = {
  case: { table: 'cases', key: ['id'], columns: ['id', 'message', 'order_id', 'created_by', 'created_at'], ref: (r: Row) => `case:${r.id}` },
  revision: {
    table: 'draft_revisions', key: ['case_id', 'revision'], columns: ['case_id', 'revision', 'draft', 'author_id', 'cause', 'created_at'],
    ref: (r: Row) => `revision:${r.case_id}:${r.revision}`,
  },
  decision: {
    table: 'decisions', key: ['case_id'], columns: ['case_id', 'decision', 'revision', 'actor_id', 'reason', 'decided_at'],
    ref: (r: Row) => `decision:${r.case_id}`,
  },
  release: { table: 'outbox', key: ['id'], columns: ['id', 'case_id', 'payload', 'created_at'], ref: (r: Row) => `release:${r.id}` },
  audit: { table: 'audit_log', key: ['seq'], columns: ['seq', 'case_id', 'at', 'actor_id', 'action', 'detail'], ref: (r: Row) => `audit:${r.seq}` },
} as const;

export type ProtectedKind = keyof typeof PROTECTED;
export const PROTECTED_KINDS = Object.keys(PROTECTED) as ProtectedKind[];

/** A row as the database returns it (BIGINT may come back as a string: hashed as text either way). */
export type Row = Record<string, unknown>;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The covered row `[ref, hash]` of a row of `kind`. */
export function itemOf(kind: ProtectedKind, row: Row): LedgerItem {
  const spec = PROTECTED[kind];
  const values = spec.columns.map((c) => (row[c] === null || row[c] === undefined ? null : String(row[c])));
  return [spec.ref(row), sha256(JSON.stringify([kind, ...values]))];
}

/** The MAC of a link: over the previous MAC, its number, time and items. */
export function macOf(prevMac: string, link: Omit<LedgerLink, 'mac' | 'alg'>, key: string | undefined): { alg: LedgerAlg; mac: string } {
  const content = JSON.stringify([prevMac, link.seq, link.at, link.items]);
  if (key) return { alg: 'hmac-sha256', mac: createHmac('sha256', key).update(content, 'utf8').digest('hex') };
  return { alg: 'sha256', mac: sha256(content) };
}

/** The next link after `prev` (undefined: the first). */
export function nextLink(prev: { seq: number; mac: string } | undefined, at: string, items: LedgerItem[], key: string | undefined): LedgerLink {
  const seq = (prev?.seq ?? 0) + 1;
  return { seq, at, items, ...macOf(prev?.mac ?? GENESIS, { seq, at, items }, key) };
}

/** One digest over rows that predate the ledger (sorted by ref), for the link that adopts them. */
export function legacyDigest(items: Iterable<LedgerItem>): string {
  const sorted = [...items].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return sha256(sorted.map(([ref, hash]) => `${ref}=${hash}`).join('\n'));
}

/** What a store hands `verifyLedger`: its links in order, and every protected row as an item. */
export interface LedgerSource {
  ledgerLinks(): AsyncIterable<LedgerLink>;
  protectedItems(): AsyncIterable<LedgerItem>;
}

export type Verdict =
  | { ok: true; links: number; rows: number; head: { seq: number; mac: string; alg: LedgerAlg } | undefined }
  | { ok: false; links: number; rows: number; broken: { seq?: number; ref?: string; reason: string } };

export interface VerifyOptions {
  /** SETTLE_AUDIT_KEY: with it every link must be an HMAC that matches. */
  key?: string;
  /** A head kept outside the database (`SEQ:MAC` printed by an earlier verify): the chain must contain it. */
  expectHead?: { seq: number; mac: string };
}

/** Walks the chain and checks every protected row against it (see the file comment). */
export async function verifyLedger(source: LedgerSource, options: VerifyOptions = {}): Promise<Verdict> {
  const recorded = new Map<string, { hash: string; seq: number }>();
  let legacy: { digest: string; seq: number } | undefined;
  let prev: LedgerLink | undefined;
  let links = 0;
  let sawHead = false;
  let rows = 0;
  const fail = (reason: string, at: { seq?: number; ref?: string } = {}): Verdict => ({ ok: false, links, rows, broken: { ...at, reason } });

  for await (const link of source.ledgerLinks()) {
    links++;
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (link.seq !== expectedSeq) {
      return fail(link.seq > expectedSeq ? `link ${expectedSeq} is missing (the next is ${link.seq})` : `link ${link.seq} is out of order`, { seq: expectedSeq });
    }
    if (options.key && link.alg !== 'hmac-sha256') {
      return fail('a plain hash where SETTLE_AUDIT_KEY expects an HMAC (written before the key was set, or re-written without it)', { seq: link.seq });
    }
    if (!options.key && link.alg === 'hmac-sha256') {
      return fail('this ledger is keyed: set SETTLE_AUDIT_KEY to verify it', { seq: link.seq });
    }
    const { mac } = macOf(prev?.mac ?? GENESIS, link, options.key);
    if (mac !== link.mac) return fail('its MAC does not match its content and the previous link (edited, inserted or re-chained)', { seq: link.seq });
    for (const [ref, hash] of link.items) {
      if (ref === LEGACY_REF) {
        if (link.seq !== 1 || legacy) return fail('a legacy digest after the first link', { seq: link.seq });
        legacy = { digest: hash, seq: link.seq };
        continue;
      }
      if (recorded.has(ref)) return fail(`${ref} is covered twice`, { seq: link.seq, ref });
      recorded.set(ref, { hash, seq: link.seq });
    }
    if (options.expectHead && link.seq === options.expectHead.seq) {
      if (link.mac !== options.expectHead.mac) return fail('the link differs from the head kept outside the database', { seq: link.seq });
      sawHead = true;
    }
    prev = link;
  }
  if (options.expectHead && !sawHead) {
    return fail(`the chain ends at link ${prev?.seq ?? 0}, before the head kept outside the database (link ${options.expectHead.seq}): links were removed`, { seq: (prev?.seq ?? 0) + 1 });
  }

  const uncovered: LedgerItem[] = [];
  let firstChanged: { seq: number; ref: string } | undefined;
  for await (const [ref, hash] of source.protectedItems()) {
    rows++;
    const r = recorded.get(ref);
    if (!r) {
      uncovered.push([ref, hash]);
      continue;
    }
    recorded.delete(ref);
    if (r.hash !== hash && (!firstChanged || r.seq < firstChanged.seq)) firstChanged = { seq: r.seq, ref };
  }
  let firstMissing: { seq: number; ref: string } | undefined;
  for (const [ref, r] of recorded) if (!firstMissing || r.seq < firstMissing.seq) firstMissing = { seq: r.seq, ref };
  // The earliest damage first.
  if (firstChanged && (!firstMissing || firstChanged.seq <= firstMissing.seq)) {
    return fail(`${firstChanged.ref} was changed after link ${firstChanged.seq} recorded it`, firstChanged);
  }
  if (firstMissing) return fail(`${firstMissing.ref}, recorded by link ${firstMissing.seq}, is gone`, firstMissing);
  if (uncovered.length) {
    if (!legacy) return fail(`${uncovered[0]![0]} is covered by no link (inserted behind the store's back)`, { ref: uncovered[0]![0] });
    if (legacyDigest(uncovered) !== legacy.digest) {
      return fail('the rows that predate the ledger differ from the digest link 1 recorded (one was changed, removed or added)', { seq: legacy.seq });
    }
  } else if (legacy && legacyDigest([]) !== legacy.digest) {
    return fail('the rows that predate the ledger are gone', { seq: legacy.seq });
  }
  return { ok: true, links, rows, head: prev ? { seq: prev.seq, mac: prev.mac, alg: prev.alg } : undefined };
}
