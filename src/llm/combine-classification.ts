/**
 * Combine the rules' classification with the model's proposal. The model may re-read a message
 * the rules found unclear, but only towards what the rules can see evidence of:
 *
 * - a changed category or subtype needs a quote that is really in the customer's text, AND the
 *   rules, run on that quote alone, must read the same category by their phrase lexicon; the
 *   subtype is then the rules' reading of the quoted words. The model points at the words, the
 *   rules confirm them — a model cannot talk a message into a category its words do not carry;
 * - a malicious verdict by the rules stands (only a human clears it); the model may add one only
 *   with a rules signal, or high confidence and a real quote — that direction pays nothing;
 * - `other` from the model never overrides a rules category.
 *
 * So a compromised model can at most pick between readings the customer's own words support; it
 * cannot invent a dispute that pays.
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

/**
 * The rules read the quote by their phrase lexicon (`zh:开线`, `en:stain*`), not by a statistical
 * fallback: a model could hunt for a fragment a fallback happens to score.
 */
function readByLexicon(onQuote: Classification): boolean {
  if (onQuote.signals.some((s) => /fallback|^nb[:-]/.test(s))) return false;
  return onQuote.signals.some((s) => /^(zh|en):/.test(s));
}

const keep = (rules: Classification, reason: string): Combined => ({ classification: rules, decidedBy: 'rules', reason });

/** The rules classifier, run on the model's quote to confirm it. */
export type ConfirmQuote = (quote: string) => Classification;

/** Combine; `text` is the customer's message the quote must come from. */
export function combineClassification(rules: Classification, model: ModelReading, text: string, confirm?: ConfirmQuote): Combined {
  if (model.category !== 'other' && !subtypeFits(model.category, model.subtype)) return keep(rules, 'model_subtype_invalid');
  const quoted = quoteIsInText(model.quote, text);

  if (rules.category === 'malicious') {
    return model.category === 'malicious' && subtypeFits('malicious', model.subtype)
      ? adopt(rules, model, 'malicious', (rules.subtype || model.subtype) as Subtype, 'combined', 'both_malicious')
      : keep(rules, 'rules_malicious_stands');
  }
  if (model.category === 'other') return keep(rules, 'model_unsure');

  if (model.category === 'malicious') {
    const ok = rulesSawMalicious(rules) || (model.confidence >= MALICIOUS_MIN_CONFIDENCE && quoted);
    return ok ? adopt(rules, model, 'malicious', model.subtype as Subtype, 'llm', quoted ? 'model_malicious_quoted' : 'model_malicious_rules_signal') : keep(rules, 'model_malicious_unsupported');
  }

  // What the rules' own lexicon reads in the quoted words: the only evidence a change may rest on.
  const onQuote = quoted && confirm ? confirm(model.quote) : undefined;
  const lexical = onQuote && readByLexicon(onQuote) ? onQuote : undefined;

  if (model.category === rules.category) {
    if (model.subtype === rules.subtype) return adopt(rules, model, model.category, model.subtype as Subtype, 'combined', 'agree');
    if (lexical?.category === model.category && lexical.subtype === model.subtype) {
      return adopt(rules, model, model.category, model.subtype as Subtype, 'combined', 'agree_category_quote_subtype');
    }
    return adopt(rules, model, model.category, (rules.subtype || model.subtype) as Subtype, 'combined', 'agree_category_rules_subtype');
  }

  if (!quoted) return keep(rules, 'model_quote_not_in_text');
  if (model.confidence < ADOPT_MIN_CONFIDENCE) return keep(rules, 'model_not_confident');
  if (lexical && lexical.category === model.category && lexical.subtype) {
    // The subtype, too, is the rules' reading of the quoted words, not the model's claim.
    const same = lexical.subtype === model.subtype;
    return adopt(rules, model, model.category, lexical.subtype, 'llm', same ? 'model_quote_confirmed_by_rules' : 'model_category_rules_subtype');
  }
  return keep(rules, 'model_category_without_rules_signal');
}
