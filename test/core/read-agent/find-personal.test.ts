import { describe, expect, it } from 'vitest';
import { findPersonal, luhnValid, maskDatum, maskPersonal } from '../../../src/core/read-agent/find-personal.ts';

const kinds = (text: string, knownIds: string[] = []) => findPersonal(text, { knownIds }).map((p) => p.kind);

describe('findPersonal — T-6 in the forms people type', () => {
  it.each([
    ['手机 13812345678', 'phone'],
    ['电话 138 1234 5678', 'phone'],
    ['电话 138-1234-5678', 'phone'],
    ['１３８１２３４５６７８（全角）', 'phone'],
    ['138\u200b1234\u200b5678', 'phone'],
    ['1 3 8 1 2 3 4 5 6 7 8', 'phone'],
    ['+86 138 1234 5678', 'phone'],
    ['座机 021-62345678', 'phone'],
    ['call 4155550123', 'phone'],
    ['call (415) 555-0123', 'phone'],
    ['+1 415 555 0123', 'phone'],
    ['mail li@qq.com', 'email'],
    ['jane.doe at gmail dot com', 'email'],
    ['jane.doe [at] gmail [dot] com', 'email'],
    ['身份证 110101199003074514', 'id_number'],
    ['身份证 11010519491231002X', 'id_number'],
    ['老身份证 110101900307451', 'id_number'],
    ['卡号 6222 0212 3456 7890 128', 'card_number'],
    ['card 4111 1111 1111 1111', 'card_number'],
    ['卡号四一一一一一一一一一一一一一一一', 'card_number'],
    ['card 4111 l111 1111 111l', 'card_number'],
    ['寄到浙江省杭州市西湖区文三路99号', 'address'],
    ['北京市朝阳区建国路88号3号楼1201', 'address'],
    ['阳光花园3栋2单元501室', 'address'],
    ['上海市浦东新区张江路', 'address'],
    ['ship to 42 willow lane, apt 3B', 'address'],
    ['221B Baker Street', 'address'],
    ['Springfield, IL 62704', 'address'],
    ['PO Box 1234', 'address'],
  ])('"%s" → %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    '订单号 2026120212 已发货',
    '我们已于 2026-12-02 10:30 发货',
    '退款 ¥5,000',
    '顺丰单号 SF1234567890123',
    'tracking 9400111899223856921234',
    '满200减20',
    'look at this dot com',
    'refund of $1,234.56 on 12/02/2026',
    'playbook sha256:d45a26463321122d',
  ])('not personal data: "%s"', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('the case\'s own order and tracking ids are never personal data', () => {
    expect(kinds('您的订单 4155550123 已发货')).toEqual([]);
    expect(kinds('单 4155550123 已发货', ['4155550123'])).toEqual([]);
  });

  it('a Chinese numeral right after a letter (型号K一代, T一件) ends: the phone after it is still found', () => {
    // This text once looped forever (the glued-token skip did not move past 一), hanging every log line.
    expect(kinds('型号K一代的T一件，电话13812345678')).toEqual(['phone']);
    expect(maskPersonal('SKU A二三 ok一件')).toBe('SKU A二三 ok一件');
  });

  it('Luhn and masking', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(maskDatum('13812345678')).toBe('*******5678');
  });
});
