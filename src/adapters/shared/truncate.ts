/**
 * Truncation that respects what a person reads: never splits a surrogate pair, a combining
 * sequence or an emoji, so a Chinese complaint cut to fit a chat limit still renders.
 */

const ELLIPSIS = '…';
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * Cut `text` to at most `max` UTF-16 code units (the unit Slack and Discord count in), ending
 * with `…` when anything was dropped. `max` below 1 yields ''.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  const budget = max - ELLIPSIS.length;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > budget) break;
    out += segment;
  }
  return out.trimEnd() + ELLIPSIS;
}

/** True when `truncate(text, max)` would drop something. */
export function isTruncated(text: string, max: number): boolean {
  return text.length > max;
}

/**
 * Split `text` into chunks of at most `max` code units on grapheme boundaries (preferring line
 * breaks), for showing a whole message across several blocks.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError('max must be positive');
  const chunks: string[] = [];
  let current = '';
  for (const { segment } of graphemes.segment(text)) {
    if (current.length + segment.length > max) {
      const cut = current.lastIndexOf('\n');
      // Break at the last newline when it keeps the chunk at least half full.
      if (cut > max / 2) {
        chunks.push(current.slice(0, cut));
        current = current.slice(cut + 1);
      } else {
        chunks.push(current);
        current = '';
      }
    }
    current += segment;
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks;
}
