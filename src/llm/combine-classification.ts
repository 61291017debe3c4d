/**
 * Combine the learned classifier's reading with the model's (LLM) proposal. The model is asked
 * when the classifier is unsure; a reading it backs with a quote really in the customer's text,
 * and with confidence, wins — even where the lexicon would not read that category in the quote
 * (the classifier is learned; the lexicon no longer has the last word). What keeps money safe is
 * downstream, on the drafts (guard-assisted-draft.ts): a reading that lowers the stakes is
 * refused, one that pays more goes to a supervisor.
 *
 * - a malicious verdict by the classifier stands (only a human clears it); the model may add one
 *   with a classifier signal, or with high confidence and a real quote — that direction pays nothing;
 * - `other` from the model replaces a dispute reading only with a real quote and confidence (the
 *   drafts' guard then refuses it wherever the dispute's draft had higher stakes);
 * - a changed category or subtype needs a real quote and confidence ≥ ADOPT_MIN_CONFIDENCE.
 */
import type { Category, Classification, DisputeCategory, Subtype } from '../core/types.ts';
import { SUBTYPES } from '../core/types.ts';
import { stripHiddenCharacters } from './sanitize.ts';

export interface ModelReading {
  category: Category;
  subtype: string;
  confidence: number;
  quote: string;
  reason: string;
}

export interface Combined {
  classification: Classification;
  decidedBy: 'rules' | 'llm' | 'combined';
  reason: string;
}

/** Confidence the model alone may give a category it chose; the rules' number is kept if higher. */
const MODEL_CONFIDENCE_CAP = 0.85;
/** A changed reading needs at least this much model confidence. */
const ADOPT_MIN_CONFIDENCE = 0.6;
/** The model adds `malicious` without a rules signal only when this sure, with a real quote. */
const MALICIOUS_MIN_CONFIDENCE = 0.8;

/** Case-, width- and space-insensitive comparison form (ｒｅｆｕｎｄ = refund, "全 额" = "全额"). */
function fold(text: string): string {
  return stripHiddenCharacters(text).normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Is the quote really in the customer's text (and long enough to mean something)? */
export function quoteIsInText(quote: string, text: string): boolean {
  const q = fold(quote);
  return q.length >= 2 && fold(text).includes(q);
}

function subtypeFits(category: Category, subtype: string): subtype is Subtype {
  if (category === 'other') return false;
  return (SUBTYPES[category] as readonly string[]).includes(subtype);
}

function rulesSawMalicious(rules: Classification): boolean {
  return rules.secondary.includes('malicious') || rules.signals.some((s) => /^M-|malicious/i.test(s));
}

function adopt(rules: Classification, model: ModelReading, category: DisputeCategory, subtype: Subtype, decidedBy: 'llm' | 'combined', reason: string): Combined {
  const others = [rules.category, ...rules.secondary].filter((c): c is DisputeCategory => c !== 'other' && c !== category);
  const confidence = decidedBy === 'combined'
    ? Math.max(rules.confidence, Math.min(model.confidence, MODEL_CONFIDENCE_CAP))
    : Math.min(model.confidence, MODEL_CONFIDENCE_CAP);
  return {
    classification: {
      ...rules,
      category,
      subtype,
      confidence: Math.round(confidence * 100) / 100,
      secondary: [...new Set(others)],
      signals: [...rules.signals, `llm:${category}/${subtype}`],
    },
    decidedBy,
    reason,
  };
}

const keep = (rules: Classification, reason: string): Combined => ({ classification: rules, decidedBy: 'rules', reason });

/** Combine; `text` is the customer's message the quote must come from. */
export function combineClassification(rules: Classification, model: ModelReading, text: string): Combined {
  if (model.category !== 'other' && !subtypeFits(model.category, model.subtype)) return keep(rules, 'model_subtype_invalid');
  const quoted = quoteIsInText(model.quote, text);

  if (rules.category === 'malicious') {
    return model.category === 'malicious' && subtypeFits('malicious', model.subtype)
      ? adopt(rules, model, 'malicious', (rules.subtype || model.subtype) as Subtype, 'combined', 'both_malicious')
      : keep(rules, 'rules_malicious_stands');
  }
  if (model.category === 'other') {
    // Not a dispute, quoted and sure: the drafts' guard refuses it wherever it would lower the stakes.
    if (!quoted || model.confidence < ADOPT_MIN_CONFIDENCE || rules.category === 'other') return keep(rules, 'model_unsure');
    const confidence = Math.round(Math.min(model.confidence, MODEL_CONFIDENCE_CAP) * 100) / 100;
    return { classification: { ...rules, category: 'other', subtype: '', confidence, secondary: [], signals: [...rules.signals, 'llm:other'] }, decidedBy: 'llm', reason: 'model_other_quoted' };
  }

  if (model.category === 'malicious') {
    const ok = rulesSawMalicious(rules) || (model.confidence >= MALICIOUS_MIN_CONFIDENCE && quoted);
    return ok ? adopt(rules, model, 'malicious', model.subtype as Subtype, 'llm', quoted ? 'model_malicious_quoted' : 'model_malicious_rules_signal') : keep(rules, 'model_malicious_unsupported');
  }

  if (model.category === rules.category && model.subtype === rules.subtype) return adopt(rules, model, model.category, model.subtype as Subtype, 'combined', 'agree');
  if (!quoted) return keep(rules, 'model_quote_not_in_text');
  if (model.confidence < ADOPT_MIN_CONFIDENCE) return keep(rules, 'model_not_confident');
  const same = model.category === rules.category;
  return adopt(rules, model, model.category, model.subtype as Subtype, same ? 'combined' : 'llm', same ? 'agree_category_quoted_subtype' : 'model_quoted_confident');
}
