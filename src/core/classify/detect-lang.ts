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

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const LATIN_WORD = /[A-Za-z\uff21-\uff3a\uff41-\uff5a]+/g;

/** Detects zh or en; ties and text with neither (empty, emoji only) → `fallback` (default 'en'). */
export function detectLang(text: string, fallback: Lang = 'en'): Lang {
  const han = countMatches(text, HAN);
  const words = countMatches(text, LATIN_WORD);
  if (han === 0 && words === 0) return fallback;
  if (han > words) return 'zh';
  if (words > han) return 'en';
  return fallback;
}

function countMatches(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}
