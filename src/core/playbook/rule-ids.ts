/**
 * Every rule ID of POLICY.md that a playbook, a draft or a test may cite. Templates citing an
 * unknown ID are refused at parse time, so a typo ("L-9") cannot slip into a supervisor's view.
 */
export const RULE_IDS = [
  'L-1', 'L-2', 'L-3', 'L-4', 'L-5', 'L-6', 'L-7', 'L-8',
  'Q-1', 'Q-2', 'Q-3', 'Q-4', 'Q-5', 'Q-6',
  'P-1', 'P-2', 'P-3', 'P-4',
  'M-1', 'M-2',
  '§4', '§6',
  'T-1', 'T-2', 'T-3', 'T-4', 'T-5', 'T-6', 'T-7',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

const RULE_SET: ReadonlySet<string> = new Set(RULE_IDS);

/** True when `id` is a POLICY.md rule ID. */
export function isRuleId(id: string): id is RuleId {
  return RULE_SET.has(id);
}
