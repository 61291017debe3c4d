/**
 * Bilingual (zh/en) labels for everything a card shows. The language is the case's reply
 * language, so a supervisor reviewing a Chinese reply sees Chinese headings beside it.
 */
import type { Category, Lang, OfferKind, Payer, Subtype } from '../../core/types.ts';
import type { CaseStatus } from '../../app/desk.ts';

type Bilingual = Record<Lang, string>;

export const CATEGORY_LABELS: Record<Category, Bilingual> = {
  logistics: { en: 'Logistics', zh: '物流' },
  quality: { en: 'Quality', zh: '质量' },
  price: { en: 'Price', zh: '价格' },
  malicious: { en: 'Malicious', zh: '恶意' },
  other: { en: 'Other (needs a person)', zh: '其他(需人工处理)' },
};

export const SUBTYPE_LABELS: Record<Subtype, Bilingual> = {
  not_shipped: { en: 'not shipped', zh: '未发货' },
  no_tracking: { en: 'no tracking', zh: '无物流信息' },
  not_received: { en: 'not received', zh: '已发货未收到' },
  tracking_anomaly: { en: 'tracking anomaly', zh: '物流异常' },
  missing_item: { en: 'missing item', zh: '少发' },
  wrong_item: { en: 'wrong item', zh: '错发' },
  promo_delay: { en: 'promotion delay', zh: '大促延迟' },
  lost_or_damaged: { en: 'lost or damaged', zh: '丢件/破损' },
  minor_defect: { en: 'minor defect', zh: '瑕疵' },
  quality_problem: { en: 'quality problem', zh: '质量问题' },
  not_as_described: { en: 'not as described', zh: '与描述不符' },
  counterfeit_claim: { en: 'counterfeit claim', zh: '假货' },
  warranty_repair: { en: 'warranty repair', zh: '售后维修' },
  change_of_mind: { en: 'change of mind', zh: '七天无理由' },
  price_drop: { en: 'price drop', zh: '降价' },
  shipping_fee: { en: 'shipping fee', zh: '运费争议' },
  payment_issue: { en: 'payment issue', zh: '支付问题' },
  price_difference: { en: 'price difference', zh: '价格差异' },
  extortion: { en: 'extortion', zh: '敲诈勒索' },
  pro_bad_reviewer: { en: 'professional bad reviewer', zh: '职业差评师' },
  off_platform: { en: 'off-platform contact', zh: '站外沟通' },
  serial_abuse: { en: 'serial abuse', zh: '恶意纠纷' },
};

export const STATUS_LABELS: Record<CaseStatus, Bilingual> = {
  drafted: { en: 'awaiting approval', zh: '待审批' },
  approved: { en: 'approved', zh: '已批准' },
  rejected: { en: 'rejected', zh: '已驳回' },
  released: { en: 'released', zh: '已发出' },
};

export const OFFER_LABELS: Record<OfferKind, Bilingual> = {
  refund: { en: 'Refund', zh: '退款' },
  partial_refund: { en: 'Partial refund', zh: '部分退款' },
  coupon: { en: 'Coupon', zh: '优惠券' },
  gift: { en: 'Gift', zh: '赠品' },
  reship: { en: 'Reship', zh: '补发' },
  return_refund: { en: 'Return and refund', zh: '退货退款' },
  exchange: { en: 'Exchange', zh: '换货' },
  repair: { en: 'Repair', zh: '维修' },
  keep_at_discount: { en: 'Keep at a discount', zh: '折价留用' },
  wait_restock: { en: 'Wait for restock', zh: '等待补货' },
  switch_variant: { en: 'Switch variant', zh: '更换款式' },
  expedite: { en: 'Expedited reship', zh: '加急补发' },
  price_difference: { en: 'Price difference', zh: '退差价' },
  none: { en: 'No compensation', zh: '不予补偿' },
};

export const PAYER_LABELS: Record<Payer, Bilingual> = {
  seller: { en: 'seller', zh: '卖家' },
  customer: { en: 'customer', zh: '买家' },
  none: { en: 'nobody', zh: '无' },
};

/** Fixed UI words. */
export const UI = {
  customerSaid: { en: 'Customer', zh: '客户原话' },
  reply: { en: 'Draft reply', zh: '回复草稿' },
  releasedReply: { en: 'Released reply', zh: '已发出的回复' },
  offers: { en: 'Offers', zh: '补偿方案' },
  noOffers: { en: 'No offer', zh: '无补偿' },
  postage: { en: 'Postage', zh: '运费' },
  outbound: { en: 'outbound', zh: '发货' },
  return: { en: 'return', zh: '退回' },
  rules: { en: 'Rules', zh: '依据规则' },
  questions: { en: 'Open questions', zh: '待确认' },
  yes: { en: 'Yes', zh: '是' },
  no: { en: 'No', zh: '否' },
  enterValue: { en: 'Enter…', zh: '填写…' },
  approve: { en: 'Approve', zh: '批准' },
  edit: { en: 'Edit', zh: '修改' },
  reject: { en: 'Reject', zh: '驳回' },
  showFull: { en: 'Show full message', zh: '查看完整消息' },
  needsSupervisor: { en: 'Needs a supervisor', zh: '需主管审批' },
  escalated: { en: 'Escalated: a supervisor must look first', zh: '已升级:须主管先审核' },
  approvedBy: { en: 'Approved by', zh: '批准人' },
  rejectedBy: { en: 'Rejected by', zh: '驳回人' },
  at: { en: 'at', zh: '时间' },
  released: { en: 'Released', zh: '已发出' },
  order: { en: 'Order', zh: '订单' },
  caseLabel: { en: 'Case', zh: '案件' },
} as const satisfies Record<string, Bilingual>;

/** Pick a label in `lang`. */
export function label(l: Bilingual, lang: Lang): string {
  return l[lang];
}
