/**
 * LLM settings, read from a plain key/value object (the app's config passes `process.env` or
 * its own parsed config; nothing here touches the environment). No API key → no LLM: Settle
 * runs offline.
 */
import { z } from 'zod';
import { UserError } from '../core/errors.ts';

export interface LlmSettings {
  apiKey: string;
  /** Any OpenAI-compatible server: OpenAI, vLLM (`http://host:8000/v1`), Ollama (`http://host:11434/v1`). */
  baseURL?: string;
  model: string;
  /** Per call, per attempt. */
  timeoutMs: number;
  /** Attempts after the first on 429/5xx/timeouts. */
  retries: number;
  /** Consecutive failed calls that open the circuit. */
  breakerFailures: number;
  /** How long an open circuit stays open before one trial call. */
  breakerCooldownMs: number;
  /** Rules' confidence below which the classification assist is asked. */
  assistBelowConfidence: number;
}

export const DEFAULT_LLM_SETTINGS: Omit<LlmSettings, 'apiKey'> = {
  model: 'gpt-4o-mini',
  timeoutMs: 8000,
  retries: 2,
  breakerFailures: 5,
  breakerCooldownMs: 60_000,
  // Leave-one-author-out on the training corpus: below 0.8 a third of the learned classifier's
  // dispute readings are wrong (about 20 % of messages are asked, with `other` under 0.9).
  assistBelowConfidence: 0.8,
};

const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  OPENAI_API_KEY: z.string().trim().optional(),
  OPENAI_BASE_URL: z.url().optional(),
  SETTLE_LLM_MODEL: z.string().trim().min(1).max(200).optional(),
  SETTLE_LLM_TIMEOUT_MS: intFrom(100, 600_000).optional(),
  SETTLE_LLM_RETRIES: intFrom(0, 10).optional(),
  SETTLE_LLM_BREAKER_FAILURES: intFrom(1, 1000).optional(),
  SETTLE_LLM_BREAKER_COOLDOWN_MS: intFrom(0, 3_600_000).optional(),
  SETTLE_LLM_ASSIST_BELOW: z.coerce.number().min(0).max(1).optional(),
});

/**
 * Parse LLM settings from environment-style keys. Returns null when no API key is set (offline).
 * Throws `UserError('config_invalid')` listing every bad key at once.
 */
export function readLlmSettings(env: Record<string, string | undefined>): LlmSettings | null {
  // Empty strings mean "unset", as in a .env file with `OPENAI_BASE_URL=`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const keys = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new UserError('config_invalid', `LLM settings are invalid — ${keys}`, { issues: parsed.error.issues });
  }
  const e = parsed.data;
  if (!e.OPENAI_API_KEY) return null;
  return {
    ...DEFAULT_LLM_SETTINGS,
    apiKey: e.OPENAI_API_KEY,
    ...(e.OPENAI_BASE_URL ? { baseURL: e.OPENAI_BASE_URL } : {}),
    ...(e.SETTLE_LLM_MODEL ? { model: e.SETTLE_LLM_MODEL } : {}),
    ...(e.SETTLE_LLM_TIMEOUT_MS !== undefined ? { timeoutMs: e.SETTLE_LLM_TIMEOUT_MS } : {}),
    ...(e.SETTLE_LLM_RETRIES !== undefined ? { retries: e.SETTLE_LLM_RETRIES } : {}),
    ...(e.SETTLE_LLM_BREAKER_FAILURES !== undefined ? { breakerFailures: e.SETTLE_LLM_BREAKER_FAILURES } : {}),
    ...(e.SETTLE_LLM_BREAKER_COOLDOWN_MS !== undefined ? { breakerCooldownMs: e.SETTLE_LLM_BREAKER_COOLDOWN_MS } : {}),
    ...(e.SETTLE_LLM_ASSIST_BELOW !== undefined ? { assistBelowConfidence: e.SETTLE_LLM_ASSIST_BELOW } : {}),
  };
}
