/**
 * Runs both lexicons over a normalised message and sums the evidence per subtype and per cue.
 * The matcher is built once, at module load. Mixed zh/en text is matched against both lexicons,
 * so "我的package还没到" and "the 赠品 was missing" each find what they should.
 */
import { ZH_LEXICON } from './lexicon-zh.ts';
import { EN_LEXICON } from './lexicon-en.ts';
import type { LexiconEntry, Target } from './lexicon-types.ts';
import { PhraseMatcher, type PhraseMatch } from './phrase-matcher.ts';

interface CompiledEntry {
  entry: LexiconEntry;
  /** Signal id, e.g. `zh:少发`, `en:never arriv*`. */
  signal: string;
}

const ENTRIES: readonly CompiledEntry[] = [
  ...ZH_LEXICON.map((entry) => ({ entry, signal: `zh:${entry[0]}` })),
  ...EN_LEXICON.map((entry) => ({ entry, signal: `en:${entry[0]}` })),
];
const MATCHER = new PhraseMatcher(ENTRIES.map((e) => e.entry[0]));

/** A negator right before a 'neg' phrase cancels it: 没有破损, 不是假的, no scratches, not fake. */
const ZH_NEGATED = /(没有|没|不是|不|无|未)$/;
const ZH_QUESTION = /是不是$/;
const EN_NEGATED = /\b(not|no|never|without|nothing)( \w+)? $/;

/** What the lexicons found: summed weights and the signals behind them, per target. */
export interface Evidence {
  score: Map<Target, number>;
  signals: Map<Target, string[]>;
}

/** Matches every lexicon phrase in `text` (already normalised) and sums weights per target. */
export function matchEvidence(text: string): Evidence {
  const kept = dropContained(MATCHER.findAll(text));
  const seen = new Set<number>();
  const score = new Map<Target, number>();
  const signals = new Map<Target, string[]>();
  // Overlapping phrases of one target are one piece of evidence ("还没发货" = 还没发 + 没发货):
  // the heavier counts, not the sum.
  const last = new Map<Target, { end: number; weight: number }>();
  for (const m of kept) {
    if (seen.has(m.phrase)) continue;
    const { entry, signal } = ENTRIES[m.phrase] as CompiledEntry;
    const [, target, weight, flags] = entry;
    if (flags === 'neg' && isNegated(text, m.start)) continue;
    seen.add(m.phrase);
    const prev = last.get(target);
    const overlaps = prev !== undefined && m.start < prev.end;
    const added = overlaps ? Math.max(0, weight - prev.weight) : weight;
    last.set(target, { end: Math.max(m.end, prev?.end ?? 0), weight: overlaps ? Math.max(weight, prev.weight) : weight });
    score.set(target, (score.get(target) ?? 0) + added);
    const list = signals.get(target);
    if (list) list.push(signal);
    else signals.set(target, [signal]);
  }
  return { score, signals };
}

/**
 * Keeps the longest reading: a match that lies strictly inside a longer match is dropped, so
 * "不是正品" does not also count "正品", and "tracking number is fake" does not count "fake".
 */
function dropContained(matches: PhraseMatch[]): PhraseMatch[] {
  const sorted = matches.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PhraseMatch[] = [];
  let coverStart = -1;
  let coverEnd = -1;
  for (const m of sorted) {
    const inside = m.start >= coverStart && m.end <= coverEnd && (m.end - m.start) < (coverEnd - coverStart);
    if (inside) continue;
    kept.push(m);
    if (m.end > coverEnd) {
      coverStart = m.start;
      coverEnd = m.end;
    }
  }
  return kept;
}

function isNegated(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 16), start);
  if (ZH_QUESTION.test(before)) return false;
  return ZH_NEGATED.test(before) || EN_NEGATED.test(before);
}
