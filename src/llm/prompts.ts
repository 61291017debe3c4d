/**
 * Prompts are files in prompts/, loaded and hashed once at start. The hash goes into every
 * usage record, so the audit log says exactly which prompt text produced a reply.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';

export const PROMPT_IDS = ['classify-assist', 'polish-reply', 'customer-persona'] as const;
export type PromptId = (typeof PROMPT_IDS)[number];

export interface Prompt {
  id: PromptId;
  text: string;
  /** sha256 of the file's bytes, hex. */
  hash: string;
  file: string;
}

export type PromptSet = Record<PromptId, Prompt>;

/** The repository's prompts/ folder. */
export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

/** Longest prompt file accepted: a bigger one is a mistake (or a pasted transcript). */
const MAX_PROMPT_BYTES = 32_000;

/**
 * Load and hash every prompt. A missing, empty or oversized file stops the start with
 * `UserError('config_invalid')` naming the file.
 */
export function loadPrompts(dir: string = DEFAULT_PROMPTS_DIR): PromptSet {
  const entries = PROMPT_IDS.map((id): [PromptId, Prompt] => {
    const file = join(dir, `${id}.md`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new UserError('config_invalid', `prompt file ${file} is missing`, { file });
    }
    const text = bytes.toString('utf8').trim();
    if (text.length < 40) throw new UserError('config_invalid', `prompt file ${file} is empty or too short`, { file });
    if (bytes.length > MAX_PROMPT_BYTES) throw new UserError('config_invalid', `prompt file ${file} is over ${MAX_PROMPT_BYTES} bytes`, { file });
    return [id, { id, text, hash: createHash('sha256').update(bytes).digest('hex'), file }];
  });
  return Object.fromEntries(entries) as PromptSet;
}
