import { afterEach, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/core/money.ts';
import { li, openDesk, wang, zhao, type DeskFixture } from './desk-fixture.ts';

let fx: DeskFixture | undefined;
afterEach(async () => {
  await fx?.store.close();
  fx = undefined;
});

const MINOR_DEFECT = '耳机外壳有一点划痕，小瑕疵，不影响使用';
const QUALITY = '沙发坐了两天就塌了，质量太差了';

describe('edit: the offer note states the edited amount, not the old one', () => {
  it('Q-1 an agent lowers the partial refund: the note names the new figure', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: MINOR_DEFECT, orderId: 'T1003' });
    const idx = v.draft.offers.findIndex((o) => o.kind === 'partial_refund' && o.rule === 'Q-1');
    const before = v.draft.offers[idx]!;
    const old = formatMoney(before.amountMinor!, 'CNY');
    // The drafted note carries the policy's figure (the premise of the bug).
    expect(before.note).toContain(old);
    const e = await fx.desk.edit(v.id, zhao, { amounts: [{ index: idx, amountMinor: 2500 }] }, 1);
    const note = e.draft.offers[idx]!.note;
    expect(note).toContain('¥25.00');
    expect(note).not.toContain(old);
    // The rest of the playbook wording stays, and the released offer carries the same note.
    expect(note.replace('¥25.00', old)).toBe(before.note);
    expect((await fx.desk.approve(v.id, wang, 2)).view.release?.offers[idx]?.note).toBe(note);
  });

  it('Q-2 two edits in a row: the note follows each amount; offers not edited keep theirs', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: QUALITY, orderId: 'T1004' });
    const idx = v.draft.offers.findIndex((o) => o.kind === 'partial_refund' && o.rule === 'Q-2');
    expect(v.draft.offers[idx]?.note).toContain('¥300.00');
    const first = await fx.desk.edit(v.id, zhao, { amounts: [{ index: idx, amountMinor: 8000 }] }, 1);
    expect(first.draft.offers[idx]?.note).toContain('¥80.00');
    const second = await fx.desk.edit(v.id, wang, { amounts: [{ index: idx, amountMinor: 15000 }] }, 2);
    expect(second.draft.offers[idx]?.note).toContain('¥150.00');
    expect(second.draft.offers[idx]?.note).not.toMatch(/¥300\.00|¥80\.00/);
    second.draft.offers.forEach((o, i) => {
      if (i !== idx) expect(o.note).toBe(v.draft.offers[i]?.note);
    });
  });
});
