import { describe, expect, it } from 'vitest';
import { buildCaseCard } from '../../../../src/adapters/slack/blocks/case-card.ts';
import { buildHome } from '../../../../src/adapters/slack/blocks/home.ts';
import { pageRef } from '../../../../src/chat/queue-flow.ts';
import { buildEditModal, buildFullMessageModal, buildNewCaseModal, buildRejectModal } from '../../../../src/adapters/slack/blocks/modals.ts';
import { parseSettleCommand } from '../../../../src/adapters/slack/parse-command.ts';
import { apiBase } from '../../../../src/adapters/slack/create-slack-app.ts';
import { FACT_KEYS } from '../../../../src/core/types.ts';
import type { CaseSummary } from '../../../../src/app/desk.ts';
import { MESSAGE_RULES, validateBlocks, validateView } from '../../../fakes/slack/validate-blocks.ts';
import { makeView } from '../../shared/make-view.ts';

describe('Slack case card within Block Kit limits', () => {
  it.each([
    ['a plain Chinese case', makeView()],
    ['a 20 000-character complaint', makeView({ message: '快递三周没到,'.repeat(2900) })],
    ['a 10 000-character reply', makeView({}, { reply: { lang: 'en', text: 'Sorry <b>&</b> '.repeat(700) } })],
    ['every fact asked at once', makeView({}, { questions: FACT_KEYS.map((fact) => ({ fact, text: `${fact}?` })) })],
    ['a released case', makeView({ status: 'released', decidedBy: 'slack:U1', decidedAt: '2026-11-24T01:00:00Z', release: { id: 'r', text: 'ok', offers: [], releasedAt: '2026-11-24T01:00:00Z' } })],
    ['a case rejected with a hostile reason', makeView({ status: 'rejected', decidedBy: 'slack:U1', decidedAt: '2026-11-24T01:00:00Z', rejectReason: '<!channel> & <@U999>' })],
  ])('%s is a valid message', (_name, view) => {
    const card = buildCaseCard(view);
    expect(validateBlocks(card.blocks, MESSAGE_RULES)).toEqual([]);
    expect(card.text.length).toBeLessThanOrEqual(300);
  });

  it('escapes customer text so it cannot ping a channel or mention anyone', () => {
    const card = buildCaseCard(makeView({ message: 'call <!channel> now & <@U1>' }));
    const json = JSON.stringify(card.blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('&lt;!channel&gt; now &amp; &lt;@U1&gt;');
  });

  it('mentions the decider but escapes the reject reason', () => {
    const card = buildCaseCard(makeView({ status: 'rejected', decidedBy: 'slack:U1', decidedAt: '2026-11-24T01:00:00Z', rejectReason: '<!here>' }, { reply: { lang: 'en', text: 'x' } }));
    const last = JSON.stringify(card.blocks.at(-1));
    expect(last).toContain('Rejected by <@U1> at 01:00: &lt;!here&gt;');
  });

  it('offers Approve/Edit/Reject only while drafted', () => {
    const labels = (v: ReturnType<typeof makeView>) => JSON.stringify(buildCaseCard(v).blocks).match(/"s1\|(ap|ed|rj)\|/g) ?? [];
    expect(labels(makeView())).toHaveLength(6);
    expect(labels(makeView({ status: 'released', decidedBy: 'slack:U1', decidedAt: '2026-11-24T01:00:00Z' }))).toHaveLength(0);
  });
});

describe('Slack modals and App Home within limits', () => {
  it('modals are valid views', () => {
    const meta = { ref: 's1|ed|c1|1', channelId: 'C1', messageTs: '1.2' };
    for (const view of [buildNewCaseModal({ channelId: 'C1' }), buildEditModal(makeView({}, { reply: { lang: 'zh', text: '长'.repeat(5000) } }), meta), buildRejectModal(makeView(), meta), buildFullMessageModal(makeView({ message: 'x'.repeat(20_000) }))]) {
      expect(validateView(view, 'modal')).toEqual([]);
    }
  });

  it('a reply longer than the text field is not offered for editing (a cut copy would lose its end)', () => {
    const json = JSON.stringify(buildEditModal(makeView({}, { reply: { lang: 'zh', text: '长'.repeat(3001) } }), {}).blocks);
    expect(json).not.toContain('"block_id":"reply"');
    expect(json).toContain('edit it in the console');
    expect(JSON.stringify(buildEditModal(makeView(), {}).blocks)).toContain('"block_id":"reply"');
  });

  it('the edit modal shows each money amount in major units', () => {
    const modal = buildEditModal(makeView(), {});
    expect(JSON.stringify(modal.blocks)).toContain('"block_id":"amount_1"');
    expect(JSON.stringify(modal.blocks)).toContain('"initial_value":"5.00"');
    expect(JSON.stringify(modal.blocks)).not.toContain('amount_0');
  });

  it('a full page of the queue is a valid home view with a Next button', () => {
    const cases: CaseSummary[] = Array.from({ length: 21 }, (_, i) => ({
      id: `c${i}`, status: 'drafted', category: 'logistics', subtype: 'not_received', approval: 'agent', escalate: false,
      createdBy: 'slack:U1', createdAt: new Date(Date.UTC(2026, 10, 23, i)).toISOString(), preview: `parcel ${i} missing <!channel>`,
    }));
    const home = buildHome({ kind: 'queue', scope: 'all', cases: cases.slice(0, 20), page: 0, pageSize: 20, total: 21, next: pageRef(1), now: new Date('2026-11-24T12:00:00Z') });
    expect(validateView(home, 'home')).toEqual([]);
    const json = JSON.stringify(home.blocks);
    expect(json).toContain(':red_circle:');
    expect(json).toContain('past 24 h limit');
    expect(json).not.toContain('`c20`');
    expect(json).toContain('Next →');
  });
});

describe('parseSettleCommand', () => {
  it.each([
    ['', { kind: 'modal' }],
    ['help', { kind: 'help' }],
    ['order:TB1 lang:zh 少了一件', { kind: 'case', orderId: 'TB1', lang: 'zh', message: '少了一件' }],
    ['lang:fr bonjour', { kind: 'case', message: 'lang:fr bonjour' }],
    ['order:TB1', { kind: 'modal' }],
  ] as const)('%j', (text, expected) => expect(parseSettleCommand(text)).toEqual(expected));
});

describe('apiBase', () => {
  it.each([
    ['http://127.0.0.1:9/api/', 'http://127.0.0.1:9/api/'],
    ['http://127.0.0.1:9/api', 'http://127.0.0.1:9/api/'],
    ['http://proxy.local', 'http://proxy.local/api/'],
  ])('%s → %s', (input, out) => expect(apiBase(input)).toBe(out));
});
