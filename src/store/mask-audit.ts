/**
 * Personal data never enters the audit log (POLICY.md T-6, docs/audit.md): every string of an
 * entry's detail, at any depth, is masked by core/mask-personal.ts (the one mask logs use too)
 * before the store writes and chains it. The case message
 * itself stays whole in `cases.message`, where re-drafting needs it.
 */
import { maskPersonalData } from '../core/mask-personal.ts';

export function maskAuditDetail<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return maskPersonalData(value) as T;
  if (value === null || typeof value !== 'object' || depth > 12) return value;
  if (Array.isArray(value)) return value.map((v) => maskAuditDetail(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskAuditDetail(v, depth + 1);
  return out as T;
}
