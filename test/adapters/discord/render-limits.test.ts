/**
 * Discord's limits hold whatever the case holds: a 20 000-character complaint, a 4 000-character
 * reply, dozens of offers and every question at once still render as one valid card — cut,
 * paginated, never refused. Every body is checked with the fake's strict schema validation.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDesk } from '../../../src/app/create-desk.ts';
import type { CaseSummary, CaseView } from '../../../src/app/desk.ts';
import { DISCORD_LIMITS, embedLength, fitEmbed } from '../../../src/adapters/discord/limits.ts';
import { renderCard } from '../../../src/adapters/discord/render-card.ts';
import { renderEditModal } from '../../../src/adapters/discord/render-modals.ts';
import { renderQueue, renderRelease } from '../../../src/adapters/discord/render-pages.ts';
import { pageRef } from '../../../src/chat/queue-flow.ts';
import { FACT_KEYS, type Offer } from '../../../src/core/types.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';
import { openSqliteStore } from '../../../src/store/sqlite-store.ts';
import { collectCustomIds, validateBody } from '../../fakes/discord/validate-body.ts';
import { loadStrictSpec, type StrictSpec } from '../../fakes/discord/strict-schemas.ts';

let spec: StrictSpec;
let base: CaseView;

beforeAll(async () => {
  spec = await loadStrictSpec();
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'settle-discord-render-')), 'settle.db'));
  const playbook = loadPlaybook(fileURLToPath(new URL('../../../playbooks', import.meta.url)));
  const desk = createDesk({ store, playbook, clock: () => new Date('2026-11-24T03:00:00Z'), logger: createSilentLogger() });
  base = await desk.submit({ actor: { id: 'discord:1', displayName: 'li', role: 'agent', platform: 'discord' }, message: 'The blender stopped working after two days, it is broken' });
});

/** The worst case a store could produce. */
function extremeView(): CaseView {
  const v = structuredClone(base);
  v.message = '我的搅拌机坏了，😡 the motor burnt out.\n'.repeat(600).slice(0, 20_000);
  const offer: Offer = { kind: 'partial_refund', amountMinor: 123_456, currency: 'CNY', note: '部分退款，商品不退回 — a long note that explains the offer in detail. '.repeat(4), rule: 'Q-2' };
  v.draft.offers = Array.from({ length: 30 }, () => ({ ...offer }));
  v.draft.reply.text = '亲，非常抱歉给您带来不便。We are very sorry. '.repeat(200).slice(0, 4_000);
  v.draft.rules = Array.from({ length: 40 }, (_, i) => `Q-${i}`);
  v.draft.questions = FACT_KEYS.map((fact) => ({ fact, text: `Please confirm ${fact} with the customer and the courier before anything else. `.repeat(3) }));
  v.draft.escalate = true;
  return v;
}

function checkMessage(body: object): void {
  expect(validateBody(spec, 'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original', body)).toEqual([]);
}

describe('Discord rendering within limits', () => {
  it('an extreme case still renders as one valid card: every embed and component limit held', () => {
    const body = renderCard(extremeView());
    checkMessage(body);
    const embed = body.embeds?.[0];
    expect(embed).toBeDefined();
    if (!embed) return;
    expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(embed.description?.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(embed.fields?.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
    expect(embed.fields?.every((f) => f.value.length <= DISCORD_LIMITS.fieldValue && f.name.length <= DISCORD_LIMITS.fieldName)).toBe(true);
    const rows = (body.components ?? []) as { components: { custom_id: string; label: string }[] }[];
    expect(rows.length).toBeLessThanOrEqual(DISCORD_LIMITS.rowsPerMessage);
    expect(rows.every((r) => r.components.length >= 1 && r.components.length <= DISCORD_LIMITS.buttonsPerRow)).toBe(true);
    const ids = collectCustomIds(rows);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.length <= DISCORD_LIMITS.customId)).toBe(true);
    expect(rows[0]?.components.map((c) => c.label)).toEqual(['Approve', 'Edit', 'Reject', 'Show full message']);
    // The cut text ends visibly cut, on a whole character (no broken surrogate pair).
    expect(embed.description?.endsWith('…')).toBe(true);
    expect(embed.description).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('a decided case has no buttons left', () => {
    const v = structuredClone(base);
    v.status = 'rejected';
    v.decidedBy = 'discord:99';
    v.decidedAt = '2026-11-24T03:05:00Z';
    v.rejectReason = 'no';
    const body = renderCard(v);
    checkMessage(body);
    expect(body.components).toEqual([]);
  });

  it('a long released reply is posted as pages of at most 2 000 characters, nothing dropped', () => {
    const v = extremeView();
    v.status = 'released';
    v.decidedBy = 'discord:99';
    v.release = { id: 'rel_1', text: v.draft.reply.text, offers: v.draft.offers.slice(0, 3), releasedAt: '2026-11-24T03:06:00Z' };
    const pages = renderRelease(v);
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) {
      expect(p.content?.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      expect(validateBody(spec, 'POST /webhooks/{webhook_id}/{webhook_token}', p)).toEqual([]);
    }
    const joined = pages.map((p) => (p.content ?? '').slice((p.content ?? '').indexOf('\n') + 1)).join('');
    expect(joined.replace(/\n/g, '')).toContain(v.release.text.replace(/\n/g, ''));
  });

  it('the edit modal holds the reply and at most 4 amounts (5 inputs), valid as a modal callback', () => {
    const modal = renderEditModal(extremeView());
    expect(modal?.components).toHaveLength(DISCORD_LIMITS.modalComponents);
    expect(validateBody(spec, 'POST /interactions/{interaction_id}/{interaction_token}/callback', { type: 9, data: modal })).toEqual([]);
  });

  it('a reply longer than a Discord field (4 500 characters) is never put in the edit form, where Discord would cut it', () => {
    const v = extremeView();
    v.draft.reply.text = 'r'.repeat(4_500);
    const amountsOnly = renderEditModal(v);
    expect(JSON.stringify(amountsOnly)).not.toContain('"custom_id":"reply"');
    expect(amountsOnly?.components).toHaveLength(DISCORD_LIMITS.modalComponents);
    v.draft.offers = [];
    expect(renderEditModal(v)).toBeUndefined();
  });

  it('a queue page of long previews stays within 6 000 characters', () => {
    const item: CaseSummary = { id: 'c1', status: 'drafted', category: 'quality', subtype: 'quality_problem', approval: 'supervisor', escalate: true, createdBy: 'discord:1', createdAt: '2026-11-23T01:00:00Z', preview: '很长的预览'.repeat(16) };
    const cases = Array.from({ length: 10 }, (_, i) => ({ ...item, id: `c${i}` }));
    const body = renderQueue({ kind: 'queue', scope: 'all', cases, page: 0, pageSize: 10, total: 11, next: pageRef(1), now: new Date('2026-11-24T03:00:00Z') }, 'zh');
    checkMessage(body);
    expect(embedLength(body.embeds?.[0] ?? {})).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(JSON.stringify(body)).toContain('已超过 24 小时上限');
  });

  it('fitEmbed: 40 fields of 2 000 characters become ≤ 25 fields within 6 000 in total', () => {
    const fitted = fitEmbed({ title: 't'.repeat(300), description: 'd'.repeat(5000), fields: Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(2000) })) });
    expect(fitted.fields).toHaveLength(25);
    expect(fitted.fields?.[24]?.value).toBe('+16');
    expect(fitted.title?.length).toBe(256);
    expect(embedLength(fitted)).toBeLessThanOrEqual(6000);
  });
});
