/**
 * The customer's text is data, never instructions. Before it goes into a prompt it is cleaned of
 * characters a human reviewer cannot see (zero-width, bidi controls, Unicode tag characters and
 * variation selectors — the usual carriers of smuggled instructions) and any tag that looks like
 * one of our prompt delimiters is neutralised, so the text cannot close its own envelope.
 */

/** Zero-width and invisible formatting characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, Mongolian vowel separator). */
const INVISIBLE = /[\u200B-\u200D\u2060-\u2064\uFEFF\u00AD\u180E]/g;
/** Bidi controls: LRM/RLM, embeddings/overrides, isolates, Arabic letter mark. */
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/g;
/** Unicode tag characters U+E0000–U+E007F: invisible ASCII look-alikes used for smuggling. */
const TAGS = /[\u{E0000}-\u{E007F}]/gu;
/** Variation selectors (both blocks): 256 invisible values, enough to encode a hidden payload. */
const VARIATION = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;
/** Anything shaped like a markup tag: `<customer_message>`, `</system>`, `< /instructions >`. */
const TAG_LIKE = /<\s*\/?\s*[A-Za-z_][\w:-]*(\s[^<>]*)?\/?\s*>/g;

/** Upper bound of customer text sent to a model; the rules still read the whole message. */
export const MAX_PROMPT_TEXT_CHARS = 4000;

export interface SanitizedText {
  text: string;
  /** How many hidden characters were removed, by kind; non-zero counts are an injection marker. */
  removed: { invisible: number; bidi: number; tags: number; variation: number };
  /** Delimiter-like tags that were defused. */
  neutralisedTags: number;
  truncated: boolean;
}

function countAndStrip(text: string, re: RegExp): [string, number] {
  let n = 0;
  const out = text.replace(re, () => {
    n += 1;
    return '';
  });
  return [out, n];
}

/** Decode tag characters to the ASCII they mirror, so a hidden instruction can be inspected. */
export function revealTagCharacters(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xe0020 && cp <= 0xe007e) out += String.fromCodePoint(cp - 0xe0000);
  }
  return out;
}

/** Strip hidden characters only (no tag neutralising): what the rules and the guards compare against. */
export function stripHiddenCharacters(text: string): string {
  return text.replace(INVISIBLE, '').replace(BIDI, '').replace(TAGS, '').replace(VARIATION, '');
}

/** Clean customer text for a prompt: strip hidden characters, defuse tags, bound the length. */
export function sanitizeCustomerText(raw: string, maxChars = MAX_PROMPT_TEXT_CHARS): SanitizedText {
  const [t1, tags] = countAndStrip(raw.normalize('NFC'), TAGS);
  const [t2, variation] = countAndStrip(t1, VARIATION);
  const [t3, invisible] = countAndStrip(t2, INVISIBLE);
  const [t4, bidi] = countAndStrip(t3, BIDI);
  let neutralisedTags = 0;
  // Angle brackets become look-alike guillemets: the words stay readable, the tag stops being one.
  let text = t4.replace(TAG_LIKE, (m) => {
    neutralisedTags += 1;
    return m.replace(/</g, '‹').replace(/>/g, '›');
  });
  const truncated = [...text].length > maxChars;
  if (truncated) text = [...text].slice(0, maxChars).join('') + ' …';
  return { text, removed: { invisible, bidi, tags, variation }, neutralisedTags, truncated };
}

/** Wrap sanitized text in a named delimiter; the system prompt says what is inside is data. */
export function wrapAsData(tag: string, text: string, attrs: Record<string, string> = {}): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${v.replace(/["<>]/g, '')}"`)
    .join('');
  return `<${tag}${a}>\n${text}\n</${tag}>`;
}
