/**
 * The one text form every detector of the agent reader works on: NFKC (full-width digits and
 * letters, ￥ → ¥, ＠ → @), hidden characters removed (zero-width spaces split phone numbers so a
 * plain pattern misses them), curly quotes straightened. Quotes are taken from this form.
 */

const HIDDEN = /[\u200B-\u200D\u2060\uFEFF\u00AD\u180E]/g;

/** `text` as the reader sees it: NFKC, no hidden characters, straight apostrophes. */
export function normalizeAgentText(text: string): string {
  return text.normalize('NFKC').replace(HIDDEN, '').replace(/[\u2018\u2019\u02BC]/g, "'").replace(/[\u201C\u201D]/g, '"');
}

/** Sentences (with their end mark), for quoting and for per-sentence context. */
export function sentencesOf(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^。！？!?\n；;]+[。！？!?；;]*|[。！？!?；;]+/g;
  for (const m of text.matchAll(re)) {
    // An English full stop ends a sentence only when followed by a space (not 3.5, not t.me).
    let start = m.index;
    const parts = m[0].split(/(?<=[a-z)\]"'])\.\s+(?=[A-Z])/);
    for (const p of parts) {
      const at = text.indexOf(p, start);
      if (p.trim()) out.push({ text: p, start: at });
      start = at + p.length;
    }
  }
  return out;
}

/** The sentence of `text` around index `at`. */
export function sentenceAt(text: string, at: number): string {
  const s = sentencesOf(text).find((x) => at >= x.start && at < x.start + x.text.length);
  return (s?.text ?? text).trim();
}

/**
 * Links in agent text: URLs, www., t.me / wa.me invitations and bare domains. A reply stays in
 * the platform's chat (POLICY.md T-5, M-S1): the release check and the polish check refuse a link
 * the playbook's template does not carry.
 */
export const LINK_PATTERN = /https?:\/\/\S+|www\.\S+|\b(?:t|wa|m|telegram)\s*\.\s*me\s*\/\s*[\w-]+|\b[\w-]+\.(?:com|cn|net|org|io|me|ly|gg)\b/gi;

/** The links `text` names (in its normalized form). */
export function findLinks(text: string): string[] {
  return normalizeAgentText(text).match(LINK_PATTERN) ?? [];
}
