/**
 * Turn zod issues into lines a store owner can act on:
 * `store.json: approval.agentMaxMinor.CNY: expected number, got "20"`.
 */
import { z } from 'zod';

/** `a.b[2].c` from a zod path. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (the key is missing)';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Edit distance, for "did you mean" on misspelled keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function suggest(key: string, known: readonly string[]): string {
  let best = '';
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best && bestD <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

/**
 * One line per issue. `root` is the parsed input (to quote the bad value); `knownKeys(path)`
 * lists the keys allowed at a path, for suggestions on unknown keys.
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  knownKeys: (path: readonly PropertyKey[]) => readonly string[],
): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const [file, ...rest] = issue.path;
    const where = (key: readonly PropertyKey[]) =>
      file === undefined ? '' : `${String(file)}: ${key.length ? formatKeyPath(key) + ': ' : ''}`;
    const value = valueAt(root, issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const k of issue.keys) {
          const what = file === undefined ? `unknown file "${k}"` : `unknown key "${k}"`;
          lines.push(`${where([...rest, k])}${what}${suggest(k, knownKeys(issue.path))}`);
        }
        break;
      case 'invalid_type':
        lines.push(
          value === undefined
            ? `${file === undefined ? '' : where(rest)}missing (expected ${issue.expected})`
            : `${where(rest)}expected ${issue.expected}, got ${describe(value)}`,
        );
        break;
      // An exclusive bound (`.positive()`) says "more than 0", never "at least 0, got 0".
      case 'too_big':
        lines.push(`${where(rest)}must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}, got ${describe(value)}`);
        break;
      case 'too_small':
        lines.push(`${where(rest)}must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}, got ${describe(value)}`);
        break;
      case 'invalid_key':
        lines.push(`${where(rest)}invalid key: ${issue.issues.map((i) => i.message).join('; ')}`);
        break;
      case 'invalid_value':
        lines.push(`${where(rest)}${issue.message.startsWith('M-') ? issue.message : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}, got ${describe(value)}`);
        break;
      default:
        lines.push(`${where(rest)}${issue.message}${value !== undefined && typeof value !== 'object' ? `, got ${describe(value)}` : ''}`);
    }
  }
  return lines;
}

/** Keys a schema accepts at `path`, for "did you mean" hints. */
export function keysOfSchemaAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: z.ZodType = schema;
  const unwrap = () => {
    while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  };
  for (const p of path) {
    unwrap();
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodType>)[String(p)] ?? z.never();
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else if (s instanceof z.ZodRecord) s = s.valueType as z.ZodType;
    else return [];
  }
  unwrap();
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/**
 * The issues of one file's JSON, one line each, as `file: key.path: reason (did you mean …)`.
 * `schema` is the file's schema (for suggestions), `root` its parsed JSON (to quote values).
 */
export function formatFileIssues(file: string, issues: readonly z.core.$ZodIssue[], root: unknown, schema: z.ZodType): string[] {
  const prefixed = issues.map((i) => ({ ...i, path: [file, ...i.path] }) as z.core.$ZodIssue);
  return formatIssues(prefixed, { [file]: root }, (path) => keysOfSchemaAt(schema, path.slice(1)));
}
