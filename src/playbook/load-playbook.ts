/**
 * Read a playbook directory from disk, parse it, and stamp it with a content hash so every
 * draft records which policy produced it. A bad file stops the start with file, key and reason.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { PLAYBOOK_FILES, parsePlaybook, type Playbook } from '../core/playbook/schema.ts';

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Where a JSON.parse error happened, from the message V8 gives ("... at position 42" or "(line 3 column 5)"). */
function describeSyntaxError(text: string, err: SyntaxError): string {
  const lc = /line (\d+) column (\d+)/.exec(err.message);
  if (lc) return `line ${lc[1]}, column ${lc[2]}: ${err.message.replace(/\s*\(line \d+ column \d+\)/, '')}`;
  const pos = /position (\d+)/.exec(err.message);
  if (pos) {
    const { line, column } = lineColumn(text, Number(pos[1]));
    return `line ${line}, column ${column}: ${err.message.replace(/\s*in JSON at position \d+.*$/, '')}`;
  }
  return err.message;
}

/**
 * Load `store.json`, `replies.zh.json` and `replies.en.json` from `dir`. Throws
 * `UserError('playbook_invalid')` for a missing file, bad JSON (with line/column) or bad content.
 */
export function loadPlaybook(dir = 'playbooks'): Playbook {
  const files: Record<string, unknown> = {};
  const problems: string[] = [];
  const hash = createHash('sha256');
  for (const name of PLAYBOOK_FILES) {
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push(`${name}: cannot read ${join(dir, name)} (${code ?? String(e)})`);
      continue;
    }
    hash.update(name).update('\0').update(text).update('\0');
    try {
      files[name] = JSON.parse(text);
    } catch (e) {
      problems.push(`${name}: invalid JSON at ${describeSyntaxError(text, e as SyntaxError)}`);
    }
  }
  if (problems.length) {
    throw new UserError('playbook_invalid', `playbook invalid:\n${problems.join('\n')}`, { problems });
  }
  return parsePlaybook(files, `sha256:${hash.digest('hex').slice(0, 16)}`);
}
