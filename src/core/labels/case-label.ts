/**
 * A supervisor's label for a case: the POLICY.md §1 category and subtype the customer's message
 * really is. Read from what a person types (`settle label c4 price price_drop`, `/label c4
 * price_drop`): a subtype alone names its category; a category alone keeps the case's subtype
 * when the category is unchanged, and `other` has none. Pure.
 */
import { UserError } from '../errors.ts';
import { ALL_SUBTYPES, CATEGORIES, DISPUTE_CATEGORIES, SUBTYPES, categoryOf, type Category, type DisputeCategory, type Subtype } from '../types.ts';

export interface CaseLabel {
  category: Category;
  subtype: Subtype | '';
}

const isSubtype = (s: string): s is Subtype => (ALL_SUBTYPES as readonly string[]).includes(s);
const isCategory = (s: string): s is Category => (CATEGORIES as readonly string[]).includes(s);
const isDispute = (c: Category): c is DisputeCategory => (DISPUTE_CATEGORIES as readonly string[]).includes(c);

/**
 * The label `category` [`subtype`] names, for a case now labelled `current`.
 * Throws UserError('invalid_input') with the words a person can fix it with.
 */
export function parseCaseLabel(categoryWord: string, subtypeWord: string | undefined, current: CaseLabel): CaseLabel {
  const word = categoryWord.trim().toLowerCase();
  const sub = subtypeWord?.trim().toLowerCase() || undefined;
  if (!sub && isSubtype(word)) return { category: categoryOf(word), subtype: word };
  if (!isCategory(word)) {
    throw new UserError('invalid_input', `'${categoryWord}' is not a category or subtype: categories are ${CATEGORIES.join(', ')} (POLICY.md §1).`);
  }
  if (word === 'other') {
    if (sub) throw new UserError('invalid_input', `category other has no subtype; give just 'other' (not '${subtypeWord}').`);
    return { category: 'other', subtype: '' };
  }
  if (!isDispute(word)) throw new UserError('invalid_input', `'${categoryWord}' is not a category.`);
  const allowed = SUBTYPES[word] as readonly string[];
  if (!sub) {
    if (current.category === word && current.subtype) return { category: word, subtype: current.subtype };
    throw new UserError('invalid_input', `give the subtype too: ${word} is one of ${allowed.join(', ')}.`);
  }
  if (!allowed.includes(sub)) throw new UserError('invalid_input', `'${subtypeWord}' is not a subtype of ${word}: one of ${allowed.join(', ')}.`);
  return { category: word, subtype: sub as Subtype };
}
