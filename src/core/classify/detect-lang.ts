/**
 * Which language a message is written in: zh or en.
 *
 * A Han character carries about as much meaning as a Latin *word*, so mixed text is judged by
 * Han characters against Latin words, not against Latin letters: "我的package还没到,tracking
 * 说delivered了" is Chinese with English loan words (9 Han vs 3 words), and "The 耳机 I got has
 * no sound" is English with one Chinese noun (2 Han vs 7 words). Emoji, digits and punctuation
 * count for neither.
 */
import type { Lang } from '../types.ts';

/** Detects zh or en; ties and text with neither (empty, emoji only) → `fallback` (default 'en'). */
export function detectLang(text: string, fallback: Lang = 'en'): Lang {
  // One pass over the code units, no match objects: Han characters, and runs of Latin letters
  // (ASCII and full-width) as words.
  let han = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const latin = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
    if (latin && !inWord) words++;
    inWord = latin;
    if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) han++;
  }
  if (han === 0 && words === 0) return fallback;
  if (han > words) return 'zh';
  if (words > han) return 'en';
  return fallback;
}
