/**
 * What a reply promises, by concept, in zh and en: refund, compensation, coupon, reship … A
 * polished reply may not add a concept the template does not carry (no "full refund" the policy
 * did not grant) and may not drop an offer the template states.
 */
import type { OfferKind } from '../core/types.ts';

export const CONCEPTS = {
  refund: /退款|退钱|退还|退您|返还|refund|money back|reimburs/i,
  compensation: /补偿|赔偿|赔付|赔钱|补贴|compensat|make (it )?up to you/i,
  coupon: /优惠券|代金券|无门槛券|红包|coupon|voucher|store credit|account credit/i,
  gift: /赠品|礼品|小礼物|\bgifts?\b|freebie|complimentary/i,
  reship: /补发|重发|重新发|再发|再寄|reship|re-ship|resend|send (you )?(a |the )?(new|replacement|missing|another)/i,
  return: /退货|寄回|退回|return (it|the|them|your|item)|send (it|them) back/i,
  exchange: /换货|更换|换一(件|个|双|台)|exchange/i,
  repair: /维修|修理|返修|保修|repair/i,
  keep: /保留|留下|留着|keep (it|the|them)/i,
  restock: /到货|补货|有货|restock|back in stock/i,
  variant: /(颜色|尺码|款式|型号|规格)|(colou?r|size|model|variant)\b/i,
  expedite: /加急|优先(处理|发货|安排)|expedite|priority|rush/i,
  price_difference: /差价|price difference|price adjustment|price protection|价保/i,
  full_amount: /全额|全款|全部(退|的钱|款)|full refund|in full|full amount|100 ?%/i,
  cash: /现金|返现|cash/i,
  review: /好评|差评|评价|追评|review|rating/i,
} as const;
export type Concept = keyof typeof CONCEPTS;

/** The concepts an offer kind is stated with; a template stating the offer uses one of them. */
export const OFFER_CONCEPTS: Record<OfferKind, Concept[]> = {
  refund: ['refund'], partial_refund: ['refund', 'compensation'], coupon: ['coupon'], gift: ['gift'],
  reship: ['reship'], return_refund: ['return', 'refund'], exchange: ['exchange'], repair: ['repair'],
  keep_at_discount: ['keep', 'compensation', 'refund'], wait_restock: ['restock'], switch_variant: ['variant', 'exchange'],
  expedite: ['expedite'], price_difference: ['price_difference', 'refund'], none: [],
};

/** The concepts a text mentions. */
export function readConcepts(text: string): Set<Concept> {
  const t = text.normalize('NFKC');
  return new Set((Object.keys(CONCEPTS) as Concept[]).filter((c) => CONCEPTS[c].test(t)));
}
