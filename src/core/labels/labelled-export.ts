/**
 * `settle export --labelled`: what supervisors taught Settle, as classifier training lines
 * (test/fixtures/corpus/README.md format, read by scripts/export-features.ts and
 * scripts/train_classifier.py unchanged): `{"id", "text", "lang", "category", "subtype",
 * "secondary", "hard", "author", "customer"?}`.
 *
 * Only labels a person vouched for are written:
 * - corrected: a supervisor's label correction (the latest one), whatever the case's state;
 *   `hard` is true when it differs from what Settle drafted (the classifier got it wrong), and
 *   `secondary` is empty (a correction names the primary concern only);
 * - confirmed: a case released with its label unchanged — the category and subtype of the
 *   released draft, `secondary` the concerns it acted on (`malicious` for an M-2 case).
 * A released `other` is not a label (the release says nobody knew the category), nor is an open
 * or rejected case. Personal data in the message (find-personal.ts: phones, e-mails, ID and card
 * numbers, addresses) is replaced by `***`; the case's order id is not personal data. A message
 * seen before (same normalised text) is written once. Pure.
 */
import { normalizeText } from '../classify/normalize.ts';
import { findPersonal } from '../read-agent/find-personal.ts';
import { normalizeAgentText } from '../read-agent/normalize-text.ts';
import { DISPUTE_CATEGORIES, type Category, type Classification, type CustomerContext, type DisputeCategory, type Draft, type Lang, type Subtype } from '../types.ts';

/** One stored case as the export reads it (the store's ReportCase has this shape). */
export interface LabelSource {
  id: string;
  status: 'drafted' | 'approved' | 'rejected' | 'released';
  message: string;
  orderId?: string;
  lang?: Lang;
  customer?: CustomerContext;
  classification: Classification;
  finalDraft: Draft;
  release?: unknown;
  correction?: { category: Category; subtype: Subtype | '' };
}

/** One line of the classifier corpus. */
export interface CorpusLine {
  id: string;
  text: string;
  lang: Lang;
  category: Category;
  subtype: Subtype | '';
  secondary: DisputeCategory[];
  hard: boolean;
  author: string;
  customer?: CustomerContext;
}

export type SkipReason = 'open' | 'rejected' | 'released_other' | 'duplicate';

export interface LabelledExport {
  lines: CorpusLine[];
  /** Released unchanged, or a supervisor's label equal to Settle's. */
  confirmed: number;
  /** A supervisor's label that differs from Settle's (`hard`). */
  corrected: number;
  /** Messages that had personal data replaced. */
  scrubbed: number;
  skipped: Record<SkipReason, number>;
}

/** What `author` may be: the corpus's author ids (scripts/import-corpus.ts). */
export const AUTHOR_ID = /^[a-z][a-z0-9_-]{0,31}$/;

/** `text` with every personal datum replaced by `***` (and whether any was). */
export function scrubPersonal(text: string, knownIds: readonly string[] = []): { text: string; scrubbed: boolean } {
  const found = findPersonal(text, { knownIds });
  if (found.length === 0) return { text, scrubbed: false };
  // The detector's indices are in its normal form (NFKC, hidden characters removed).
  const t = normalizeAgentText(text);
  const spans = found.map((p) => [p.index, p.index + p.quote.length] as const).sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    out += `${t.slice(at, Math.max(at, start))}***`;
    at = end;
  }
  return { text: out + t.slice(at), scrubbed: true };
}

/** The corpus lines of `cases`, in their order, labelled by `author`. */
export function exportLabelled(cases: readonly LabelSource[], author: string): LabelledExport {
  const out: LabelledExport = { lines: [], confirmed: 0, corrected: 0, scrubbed: 0, skipped: { open: 0, rejected: 0, released_other: 0, duplicate: 0 } };
  const seen = new Set<string>();
  for (const c of cases) {
    const d = c.finalDraft;
    let label: { category: Category; subtype: Subtype | ''; secondary: DisputeCategory[]; hard: boolean };
    if (c.correction) {
      label = { ...c.correction, secondary: [], hard: c.correction.category !== d.category || c.correction.subtype !== d.subtype };
    } else if (c.status === 'released') {
      if (d.category === 'other') {
        out.skipped.released_other++;
        continue;
      }
      const secondary = new Set<Category>([...c.classification.secondary, ...(d.rules.includes('M-2') ? ['malicious' as const] : [])]);
      secondary.delete(d.category);
      label = { category: d.category, subtype: d.subtype, secondary: DISPUTE_CATEGORIES.filter((k) => secondary.has(k)), hard: false };
    } else {
      out.skipped[c.status === 'rejected' ? 'rejected' : 'open']++;
      continue;
    }
    const { text, scrubbed } = scrubPersonal(c.message, c.orderId ? [c.orderId] : []);
    const key = normalizeText(text).replace(/[\s\p{P}\p{S}]/gu, '');
    if (seen.has(key)) {
      out.skipped.duplicate++;
      continue;
    }
    seen.add(key);
    if (scrubbed) out.scrubbed++;
    if (label.hard) out.corrected++;
    else out.confirmed++;
    out.lines.push({
      id: `${author}-${c.id}`, text, lang: c.lang ?? c.classification.lang, category: label.category, subtype: label.subtype,
      secondary: label.secondary, hard: label.hard, author, ...(c.customer ? { customer: c.customer } : {}),
    });
  }
  return out;
}
