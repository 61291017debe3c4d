/**
 * Personal data never enters the audit log (POLICY.md T-6, docs/audit.md): every string of an
 * entry's detail, at any depth, is masked: first by the agent-text detector
 * (read-agent/find-personal.ts, `[phone]`, `[address]` …), then by the reply guard's patterns (`***`) before the store writes and chains it. The case message
 * itself stays whole in `cases.message`, where re-drafting needs it.
 */
import { maskPersonal } from '../core/read-agent/find-personal.ts';
import { redactPersonalData } from '../core/reply/guard.ts';

export function maskAuditDetail<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactPersonalData(maskPersonal(value)) as T;
  if (value === null || typeof value !== 'object' || depth > 12) return value;
  if (Array.isArray(value)) return value.map((v) => maskAuditDetail(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskAuditDetail(v, depth + 1);
  return out as T;
}
