/**
 * One mask for personal data in everything Settle keeps or logs — audit entries
 * (store/mask-audit.ts), log lines (logger.ts): the agent-text detector
 * (read-agent/find-personal.ts: full-width and zero-width-split phones, bare 10-digit phones,
 * "at/dot" e-mails, free-form addresses → `[phone]`, `[address]` …), then the reply guard's
 * patterns (`***`). The case message itself stays whole where re-drafting needs it.
 */
import { maskPersonal } from './read-agent/find-personal.ts';
import { redactPersonalData } from './reply/guard.ts';

export function maskPersonalData(text: string): string {
  return redactPersonalData(maskPersonal(text));
}
