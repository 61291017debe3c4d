/**
 * Aho–Corasick multi-phrase matcher: finds every lexicon phrase in one pass over the text, so
 * classification stays linear in message length however large the lexicon grows (a 20 000-char
 * message is one scan, not one scan per phrase).
 *
 * Phrase syntax: a phrase made of Latin letters/digits must start and end on a word boundary
 * ("lost" does not match "closet"); a trailing `*` drops the end boundary ("arriv*" matches
 * "arrived", "arriving"). Chinese has no word boundaries, so Han phrases match anywhere.
 */

export interface PhraseMatch {
  /** Index of the phrase in the list the matcher was built from. */
  phrase: number;
  start: number;
  end: number;
}

interface PhraseInfo {
  length: number;
  checkStart: boolean;
  checkEnd: boolean;
}

const WORD_CHAR = /[a-z0-9]/;

/** a–z or 0–9, by char code (the hot loop tests code units, not one-character strings). */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

const NO_OUTPUT: readonly number[] = [];

export class PhraseMatcher {
  /** Per node: transitions by UTF-16 code unit. */
  private readonly next: Map<number, number>[] = [new Map()];
  /** Per node: failure link. */
  private fail: number[] = [0];
  /** Per node: phrase indices ending here, including those reached through failure links. */
  private readonly out: (readonly number[])[] = [NO_OUTPUT];
  private readonly info: PhraseInfo[] = [];
  /** The root's transitions for code units below 0x10000, dense (most steps fall back to it). */
  private readonly rootNext = new Int32Array(0x10000);

  constructor(phrases: readonly string[]) {
    phrases.forEach((raw, index) => this.add(raw, index));
    this.link();
    for (const [c, n] of this.next[0] as Map<number, number>) this.rootNext[c] = n;
  }

  /** All matches, in order of their end position. Boundary rules already applied. */
  findAll(text: string): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    const { next, fail, out, info, rootNext } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      // Follow failure links until a transition exists (the root's are a flat table).
      for (;;) {
        if (state === 0) {
          state = rootNext[ch] as number;
          break;
        }
        const n = (next[state] as Map<number, number>).get(ch);
        if (n !== undefined) {
          state = n;
          break;
        }
        state = fail[state] as number;
      }
      const hits = out[state] as readonly number[];
      for (let h = 0; h < hits.length; h++) {
        const p = hits[h] as number;
        const pi = info[p] as PhraseInfo;
        const start = i + 1 - pi.length;
        if (pi.checkStart && start > 0 && isWordCode(text.charCodeAt(start - 1))) continue;
        if (pi.checkEnd && i + 1 < text.length && isWordCode(text.charCodeAt(i + 1))) continue;
        found.push({ phrase: p, start, end: i + 1 });
      }
    }
    return found;
  }

  private add(raw: string, index: number): void {
    const prefixOnly = raw.endsWith('*');
    const phrase = prefixOnly ? raw.slice(0, -1) : raw;
    let s = 0;
    // Code units, like findAll: an emoji phrase and an emoji in the text compare equal.
    for (let k = 0; k < phrase.length; k++) {
      const ch = phrase.charCodeAt(k);
      const node = this.next[s] as Map<number, number>;
      let n = node.get(ch);
      if (n === undefined) {
        n = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push(NO_OUTPUT);
        node.set(ch, n);
      }
      s = n;
    }
    this.out[s] = [...(this.out[s] as readonly number[]), index];
    this.info[index] = {
      length: phrase.length,
      checkStart: WORD_CHAR.test(phrase[0] ?? ''),
      checkEnd: !prefixOnly && WORD_CHAR.test(phrase[phrase.length - 1] ?? ''),
    };
  }

  /** Breadth-first failure links; each node inherits the outputs of its failure node. */
  private link(): void {
    const queue: number[] = [];
    for (const child of (this.next[0] as Map<number, number>).values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head] as number;
      for (const [ch, child] of this.next[s] as Map<number, number>) {
        queue.push(child);
        let f = this.fail[s] as number;
        while (f !== 0 && !(this.next[f] as Map<number, number>).has(ch)) f = this.fail[f] as number;
        const target = (this.next[f] as Map<number, number>).get(ch);
        const failTo = target !== undefined && target !== child ? target : 0;
        this.fail[child] = failTo;
        const inherited = this.out[failTo] as readonly number[];
        if (inherited.length > 0) this.out[child] = [...(this.out[child] as readonly number[]), ...inherited];
      }
    }
    this.fail = [...this.fail];
  }
}
