/** An offer with no amount (no order given) is named without a placeholder figure or stray punctuation. */
import { describe, expect, it } from 'vitest';
import { parseCaseLine } from '../../../src/core/contract/parse-case.ts';
import { draftCase } from '../../../src/core/settle-case.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';

const playbook = loadPlaybook();
const draft = (message: string) => draftCase(parseCaseLine({ id: 'n', message, now: '2026-11-24T10:00:00+08:00' }, new Date('2026-11-24T02:00:00Z')).value, playbook);

describe('offer notes without an order', () => {
  it.each([
    ['我买的卫衣质量太差了，洗了一次就破了个洞，我要退款', '部分退款，商品不退回'],
    ['The hoodie ripped after one wash, I want my money back', 'partial refund, customer keeps the item'],
  ])('%s', (message, partial) => {
    const d = draft(message);
    const notes = d.offers.map((o) => o.note);
    expect(notes).toContain(partial);
    for (const o of d.offers.filter((x) => x.amountMinor === null)) {
      expect(o.note).not.toMatch(/—|\s[,，]|\s{2}/);
    }
  });
});
