/**
 * The polish check asks the agent reader: a rewrite that adds money in words or Chinese
 * numerals, a promise, an off-platform link, a card number in Chinese numerals or look-alike
 * letters, or a T-4/P-3 wording the template does not have, is refused; the template passes.
 */
import { describe, expect, it } from 'vitest';
import { draftCase } from '../../src/core/settle-case.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { verifyPolish } from '../../src/llm/verify-polish.ts';
import { caseOf } from './helpers.ts';

const playbook = loadPlaybook();
const MISSING = '我买了三件T恤只收到两件，少发了一件，你们怎么搞的';
const draft = draftCase(caseOf(MISSING), playbook);
const t = draft.reply.text;

describe('verifyPolish with the agent reader', () => {
  it('the template itself passes', () => {
    expect(verifyPolish(t, draft, [], MISSING)).toEqual({ ok: true });
  });

  it.each([
    ['另外再送您伍佰元。', /^new_number:500$/],
    ['另外给您5仟元。', /^new_number:5(000)?$/],
    ['另外赔您五千人民币。', /^new_number:5000$/],
    ['另外再送您 $5k。', /^new_number:5(000)?$/],
    ['另外再给您 five grand。', /^new_number:5000$/],
    ['这一单给您免单。', /^new_promise:/],
    ['我们给您双倍赔偿。', /^new_promise:/],
    ['有问题可以到 t.me/shopdeals 找我。', /^new_link$/],
    ['您的卡号四一一一一一一一一一一一一一一一我们已记录。', /^personal_data$/],
    ['您的卡号 4111 l111 1111 111l 我们已记录。', /^(personal_data|new_number:4111)$/],
    ['给个五星好评的话再返您红包。', /^(taboo:T-4|new_promise:.*)$/],
    ['为了退款，麻烦把银行卡正反面照片发给我。', /^rule:P-3$/],
  ])('refuses a rewrite that adds "%s"', (added, reason) => {
    const v = verifyPolish(`${t}${added}`, draft, [], MISSING);
    expect(v.ok).toBe(false);
    expect(v.ok ? '' : v.reason).toMatch(reason);
  });
});
