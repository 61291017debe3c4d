/**
 * Who may do what: ONE table of actions × roles, and ONE function every front end (Slack,
 * Discord, the console) calls after its ack and before any desk call. Access is denied by
 * default: a person is `anyone` until platform config names them staff (agent or supervisor),
 * so with no agent configured only supervisors can file or release. The approval threshold and
 * separation of duties are the core's rule (`approvalRefusal` in core/workflow/transitions.ts);
 * this file only adds who counts as staff, guests and channels, and says which config key
 * grants what was refused. The desk enforces the workflow rules again on every move.
 */
import type { ErrorCode } from '../core/errors.ts';
import type { Lang, Role } from '../core/types.ts';
import type { CaseState } from '../core/workflow/case-state.ts';
import { approvalRefusal } from '../core/workflow/transitions.ts';
import type { CaseView, Platform } from './desk.ts';

export const ACCESS_ACTIONS = ['help', 'file', 'answer', 'edit', 'approve', 'reject', 'queue', 'app_home', 'training', 'label', 'lifecycle'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** A person's standing: `anyone` is not staff (a customer, a guest, a member with no role). */
export type StaffRole = 'anyone' | Role;
export const ACCESS_COLUMNS = ['anyone', 'agent', 'supervisor', 'author'] as const;
export type AccessColumn = (typeof ACCESS_COLUMNS)[number];

/**
 * What a cell allows. `agent-level drafts`: the core's threshold decides (a draft above the
 * agent threshold, or escalated, needs a supervisor). `within agent caps`: the desk re-checks
 * the edited offers against the editor's caps. `own cases`: agents see the cases they filed.
 * The `author` column is about whoever filed, answered or edited the current draft, on top of
 * their role; `—` where an action has no case.
 */
export type AccessCell = 'yes' | 'no' | 'agent-level drafts' | 'within agent caps' | 'own cases' | 'all cases' | 'withdraw' | 'lifecycle table' | '—';

/** The table docs/access.md shows (a test keeps them equal). */
export const ACCESS_TABLE: Record<AccessAction, Record<AccessColumn, AccessCell>> = {
  help: { anyone: 'yes', agent: 'yes', supervisor: 'yes', author: '—' },
  file: { anyone: 'no', agent: 'yes', supervisor: 'yes', author: '—' },
  answer: { anyone: 'no', agent: 'yes', supervisor: 'yes', author: 'yes' },
  edit: { anyone: 'no', agent: 'within agent caps', supervisor: 'yes', author: 'yes' },
  approve: { anyone: 'no', agent: 'agent-level drafts', supervisor: 'yes', author: 'no' },
  reject: { anyone: 'no', agent: 'agent-level drafts', supervisor: 'yes', author: 'withdraw' },
  queue: { anyone: 'no', agent: 'own cases', supervisor: 'all cases', author: '—' },
  app_home: { anyone: 'no', agent: 'own cases', supervisor: 'all cases', author: '—' },
  training: { anyone: 'no', agent: 'yes', supervisor: 'yes', author: '—' },
  label: { anyone: 'no', agent: 'no', supervisor: 'yes', author: 'yes' },
  lifecycle: { anyone: 'no', agent: 'lifecycle table', supervisor: 'yes', author: 'yes' },
};

/** Actions on a case: they need the case open and happen in a case channel. */
const CASE_ACTIONS: readonly AccessAction[] = ['file', 'answer', 'edit', 'approve', 'reject'];

/** The person asking, as the adapter sees them now. */
export interface Who {
  /** Actor id (after SETTLE_ACTOR_MAP): `slack:U1`, `discord:2`, `console:li`, `person:li`. */
  id: string;
  role: StaffRole;
  platform: Platform;
  /** A Slack guest (restricted account): never staff, whatever the lists say. */
  guest?: boolean;
  /** false when a channel allow-list is set and the command or click came from elsewhere. */
  inCaseChannel?: boolean;
}

export type AccessDecision =
  | { ok: true }
  | { ok: false; code: ErrorCode; reason: string; /** the config key that grants what was refused */ grantKey?: string };

/** Config keys that make someone staff, per platform. */
export const GRANT_KEYS: Record<Platform, Record<Role, string> & { channel?: string }> = {
  slack: { agent: 'SLACK_AGENT_IDS or SLACK_AGENT_GROUP', supervisor: 'SLACK_SUPERVISOR_IDS or SLACK_SUPERVISOR_GROUP', channel: 'SLACK_CASE_CHANNELS' },
  discord: { agent: 'DISCORD_AGENT_ROLE_IDS', supervisor: 'DISCORD_SUPERVISOR_ROLE_IDS', channel: 'DISCORD_CASE_CHANNEL_IDS' },
  console: { agent: 'settle console --as agent NAME', supervisor: 'settle console --as supervisor NAME' },
  cli: { agent: 'settle console --as agent NAME', supervisor: 'settle console --as supervisor NAME' },
};

const WORDS: Record<AccessAction, { en: string; zh: string }> = {
  help: { en: 'see the help', zh: '查看帮助' },
  file: { en: 'file a case', zh: '提交案件' },
  answer: { en: 'answer questions on a case', zh: '回答案件问题' },
  edit: { en: 'edit a draft', zh: '修改草稿' },
  approve: { en: 'approve a draft', zh: '批准草稿' },
  reject: { en: 'reject a draft', zh: '驳回草稿' },
  queue: { en: 'see the queue', zh: '查看队列' },
  app_home: { en: 'see the queue', zh: '查看队列' },
  training: { en: 'start training', zh: '开始培训' },
  label: { en: "correct a case's label", zh: '更正案件分类' },
  lifecycle: { en: 'move a released case on', zh: '推进已发布的案件' },
};

/** The core's view of a case, from what adapters hold. */
export function caseStateOf(view: CaseView): CaseState {
  return { status: view.status, revision: view.revision, createdBy: view.createdBy, authors: view.authors, approval: view.draft.approval, escalate: view.draft.escalate };
}

/**
 * May `who` do `action` (on `view`, for case actions)? Checked on every command, click and
 * form after the ack; a refusal is shown privately and audited by the adapter.
 */
export function authorize(action: AccessAction, who: Who, view?: CaseView, lang: Lang = view?.draft.reply.lang ?? 'en'): AccessDecision {
  const zh = lang === 'zh';
  const keys = GRANT_KEYS[who.platform];
  const cell = ACCESS_TABLE[action][who.guest ? 'anyone' : who.role];
  if (cell === 'no' && who.role === 'agent' && !who.guest) {
    return { ok: false, code: 'forbidden_role', grantKey: keys.supervisor, reason: zh ? `只有主管可以${WORDS[action].zh};由 ${keys.supervisor} 授权` : `Only supervisors can ${WORDS[action].en}; ${keys.supervisor} grants it` };
  }
  if (cell === 'no') {
    const needed: Role = ACCESS_TABLE[action].agent === 'no' ? 'supervisor' : 'agent';
    if (who.guest) {
      return { ok: false, code: 'not_staff', grantKey: keys[needed], reason: zh ? `访客账号不能${WORDS[action].zh};请改为正式成员并加入 ${keys[needed]}` : `Guest accounts cannot ${WORDS[action].en}; make them a full member and add them to ${keys[needed]}` };
    }
    return { ok: false, code: 'not_staff', grantKey: keys[needed], reason: zh ? `只有客服人员可以${WORDS[action].zh};由 ${keys[needed]} 授权` : `Only staff can ${WORDS[action].en}; ${keys[needed]} grants it` };
  }
  if (CASE_ACTIONS.includes(action) && who.inCaseChannel === false && keys.channel) {
    return { ok: false, code: 'wrong_channel', grantKey: keys.channel, reason: zh ? `此频道不处理案件;${keys.channel} 列出可用频道` : `Cases are not handled in this channel; ${keys.channel} lists the channels that are` };
  }
  if (action === 'lifecycle') {
    if (who.inCaseChannel === false && keys.channel) {
      return { ok: false, code: 'wrong_channel', grantKey: keys.channel, reason: zh ? `此频道不处理案件;${keys.channel} 列出可用频道` : `Cases are not handled in this channel; ${keys.channel} lists the channels that are` };
    }
    if (view && view.status !== 'released') return { ok: false, code: 'invalid_transition', reason: zh ? '该案件尚未发布' : 'This case has not been released yet' };
    return { ok: true };
  }
  if (!view || !CASE_ACTIONS.includes(action) || action === 'file') return { ok: true };
  if (view.status !== 'drafted') return { ok: false, code: 'already_decided', reason: zh ? '该案件已处理' : 'This case is already decided' };
  if (action === 'approve' || action === 'reject') {
    const role: Role = who.role === 'anyone' ? 'agent' : who.role;
    const refusal = approvalRefusal(caseStateOf(view), { id: who.id, role }, action);
    if (refusal?.code === 'forbidden_role') {
      return { ok: false, code: 'forbidden_role', grantKey: keys.supervisor, reason: zh ? `此草稿须由主管处理;由 ${keys.supervisor} 授权` : `${refusal.message.replace(/\.$/, '')} (${keys.supervisor} grants it)` };
    }
    if (refusal) return { ok: false, code: refusal.code, reason: zh ? '您撰写或修改了此草稿,须由他人批准' : refusal.message.replace(/\.$/, '') };
  }
  return { ok: true };
}

/** Audit entries of refusals that concern no case (filing, the queue, help) are kept under this id. */
export const NO_CASE = '-';

/** The access action a card button or form stands for (`full` reads a case, `page` pages the queue). */
export const CARD_ACCESS: Record<'approve' | 'edit' | 'reject' | 'answer' | 'full' | 'page', AccessAction> = {
  approve: 'approve', edit: 'edit', reject: 'reject', answer: 'answer', full: 'queue', page: 'queue',
};

/** What `settle start` needs of the config to describe access. */
export interface AccessSettings {
  slackEnabled: boolean;
  discordEnabled: boolean;
  slack: { agentIds: string[]; agentGroup?: string; supervisorIds: string[]; supervisorGroup?: string };
  discord: { agentRoleIds: string[]; supervisorRoleIds: string[] };
}

/**
 * The one line `settle start` prints when a running platform has no agent configured (deny by
 * default): who can still file or release, and the keys that change it. Undefined when every
 * running platform has agents.
 */
export function describeDefaultDenial(c: AccessSettings): string | undefined {
  const platforms: { agentKeys: string[]; supervisorKeys: string[]; supervisors: boolean }[] = [];
  if (c.slackEnabled && c.slack.agentIds.length === 0 && !c.slack.agentGroup) {
    platforms.push({ agentKeys: ['SLACK_AGENT_IDS', 'SLACK_AGENT_GROUP'], supervisorKeys: ['SLACK_SUPERVISOR_IDS', 'SLACK_SUPERVISOR_GROUP'], supervisors: c.slack.supervisorIds.length > 0 || Boolean(c.slack.supervisorGroup) });
  }
  if (c.discordEnabled && c.discord.agentRoleIds.length === 0) {
    platforms.push({ agentKeys: ['DISCORD_AGENT_ROLE_IDS'], supervisorKeys: ['DISCORD_SUPERVISOR_ROLE_IDS'], supervisors: c.discord.supervisorRoleIds.length > 0 });
  }
  if (platforms.length === 0) return undefined;
  const agentKeys = platforms.flatMap((p) => p.agentKeys).join(', ');
  const supervisorKeys = platforms.flatMap((p) => p.supervisorKeys).join(', ');
  const who = platforms.every((p) => !p.supervisors) ? 'nobody can file or release (no supervisors either)' : 'only configured supervisors can file or release';
  return `settle: access is denied by default: no agents are configured (${agentKeys}), so ${who}; set ${agentKeys} for agents and ${supervisorKeys} for supervisors (docs/access.md)`;
}
