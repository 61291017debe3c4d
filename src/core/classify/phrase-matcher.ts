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

interface Node {
  next: Map<string, number>;
  fail: number;
  /** Phrase indices ending here, including those reached through failure links. */
  out: number[];
}

interface PhraseInfo {
  length: number;
  checkStart: boolean;
  checkEnd: boolean;
}

const WORD_CHAR = /[a-z0-9]/;

export class PhraseMatcher {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  private readonly info: PhraseInfo[] = [];

  constructor(phrases: readonly string[]) {
    phrases.forEach((raw, index) => this.add(raw, index));
    this.link();
  }

  /** All matches, in order of their end position. Boundary rules already applied. */
  findAll(text: string): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string;
      state = this.step(state, ch);
      for (const p of (this.nodes[state] as Node).out) {
        const info = this.info[p] as PhraseInfo;
        const start = i + 1 - info.length;
        if (info.checkStart && start > 0 && WORD_CHAR.test(text[start - 1] as string)) continue;
        if (info.checkEnd && i + 1 < text.length && WORD_CHAR.test(text[i + 1] as string)) continue;
        found.push({ phrase: p, start, end: i + 1 });
      }
    }
    return found;
  }

  private step(state: number, ch: string): number {
    let s = state;
    for (;;) {
      const next = (this.nodes[s] as Node).next.get(ch);
      if (next !== undefined) return next;
      if (s === 0) return 0;
      s = (this.nodes[s] as Node).fail;
    }
  }

  private add(raw: string, index: number): void {
    const prefixOnly = raw.endsWith('*');
    const phrase = prefixOnly ? raw.slice(0, -1) : raw;
    let s = 0;
    // Code units, like findAll: an emoji phrase and an emoji in the text compare equal.
    for (let k = 0; k < phrase.length; k++) {
      const ch = phrase[k] as string;
      const node = this.nodes[s] as Node;
      let next = node.next.get(ch);
      if (next === undefined) {
        next = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, out: [] });
        node.next.set(ch, next);
      }
      s = next;
    }
    (this.nodes[s] as Node).out.push(index);
    this.info[index] = {
      length: phrase.length,
      checkStart: WORD_CHAR.test(phrase[0] ?? ''),
      checkEnd: !prefixOnly && WORD_CHAR.test(phrase[phrase.length - 1] ?? ''),
    };
  }

  /** Breadth-first failure links; each node inherits the outputs of its failure node. */
  private link(): void {
    const queue: number[] = [];
    for (const child of (this.nodes[0] as Node).next.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head] as number;
      const node = this.nodes[s] as Node;
      for (const [ch, child] of node.next) {
        queue.push(child);
        let f = node.fail;
        while (f !== 0 && !(this.nodes[f] as Node).next.has(ch)) f = (this.nodes[f] as Node).fail;
        const target = (this.nodes[f] as Node).next.get(ch);
        const fail = target !== undefined && target !== child ? target : 0;
        const childNode = this.nodes[child] as Node;
        childNode.fail = fail;
        childNode.out.push(...(this.nodes[fail] as Node).out);
      }
    }
  }
}
