/**
 * The desk with metrics: the same Desk, counting what a person did through it. A decorator, so
 * the desk itself stays free of metrics and every front end is counted the same way.
 */
import type { CaseView, Desk } from '../app/desk.ts';
import type { SettleMetrics } from './metrics.ts';

function observeDecision(m: SettleMetrics, v: CaseView, decision: 'approved' | 'rejected'): void {
  m.decisions.inc({ decision });
  const at = v.decidedAt ?? v.updatedAt;
  const seconds = (Date.parse(at) - Date.parse(v.createdAt)) / 1000;
  if (Number.isFinite(seconds) && seconds >= 0) m.timeToDecision.observe({ decision }, seconds);
}

export function instrumentDesk(desk: Desk, m: SettleMetrics): Desk {
  return {
    ...desk,
    async submit(input) {
      const v = await desk.submit(input);
      m.casesFiled.inc({ category: v.draft.category });
      return v;
    },
    async approve(caseId, actor, expectedRevision) {
      const r = await desk.approve(caseId, actor, expectedRevision);
      if (r.outcome === 'released') {
        observeDecision(m, r.view, 'approved');
        m.releases.inc();
      }
      return r;
    },
    async reject(caseId, actor, reason, expectedRevision) {
      const v = await desk.reject(caseId, actor, reason, expectedRevision);
      observeDecision(m, v, 'rejected');
      return v;
    },
  };
}
