/**
 * A tiny template language: literal text with `{name}` placeholders. Templates are compiled once
 * when the playbook is parsed (an unknown placeholder is a playbook error then, not a crash in
 * front of a customer), and rendering is a join over precompiled parts, so decide() stays fast.
 */

/** Every placeholder a reply template may use. The composer always supplies all of them. */
export const PLACEHOLDERS = ['item', 'amount', 'amount2', 'percent', 'postage', 'hours', 'days'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateVars = Record<Placeholder, string>;

/** A compiled template: alternating literal strings and placeholder names. */
export interface Template {
  readonly source: string;
  readonly parts: readonly (string | { readonly name: Placeholder })[];
}

const PLACEHOLDER_SET: ReadonlySet<string> = new Set(PLACEHOLDERS);

/**
 * Compile `source`; returns the template or a list of problems (unknown placeholder,
 * unbalanced brace). `allowed` narrows the vocabulary for a template group.
 */
export function compileTemplate(
  source: string,
  allowed: ReadonlySet<string> = PLACEHOLDER_SET,
): { template?: Template; problems: string[] } {
  const parts: (string | { name: Placeholder })[] = [];
  const problems: string[] = [];
  let literal = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '{') {
      const end = source.indexOf('}', i + 1);
      if (end < 0) {
        problems.push(`unclosed "{" at character ${i + 1}`);
        break;
      }
      const name = source.slice(i + 1, end).trim();
      if (!allowed.has(name)) {
        problems.push(`unknown placeholder {${name}} (allowed: ${[...allowed].map((n) => `{${n}}`).join(', ') || 'none'})`);
      } else {
        if (literal) parts.push(literal);
        literal = '';
        parts.push({ name: name as Placeholder });
      }
      i = end + 1;
      continue;
    }
    if (ch === '}') problems.push(`stray "}" at character ${i + 1}`);
    else literal += ch;
    i += 1;
  }
  if (literal) parts.push(literal);
  return problems.length ? { problems } : { template: { source, parts }, problems };
}

/** Render a compiled template. Every placeholder has a value by construction (TemplateVars). */
export function renderTemplate(t: Template, vars: TemplateVars): string {
  let out = '';
  for (const p of t.parts) out += typeof p === 'string' ? p : vars[p.name];
  return out;
}
