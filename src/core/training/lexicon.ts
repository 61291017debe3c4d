/**
 * Cues the training scorer and the scripted customer look for in a trainee's reply: empathy,
 * questions, commitments, offers. Taboo and compliance phrases are NOT here — those come from
 * src/core/reply/guard.ts, the one list the drafts are checked against too.
 *
 * Patterns are tested against text normalised by `normaliseText` (lower case, full-width folded).
 */
import type { FactKey, OfferKind } from '../types.ts';

/** Acknowledging the feeling or the trouble (T-1). */
export const EMPATHY = /抱歉|对不起|不好意思|别着急|不要着急|别急|非常理解|理解您|能理解|给您带来|让您久等|您着急|着急了|辛苦|添麻烦|感谢您的耐心|心情|委屈|sorry|apologi[sz]e|apologies|i understand|understand how|understand your|frustrat|i hear you|that must be|inconvenience|thank you for your patience|i can see why|upsetting|disappointing/;

/**
 * Naming the customer's feeling or what the problem cost them, or owning the fault — more than
 * a bare "sorry" / "抱歉给您带来不便" (T-1 asks to acknowledge the feeling and the problem).
 */
export const FEELING = /换(谁|我|成我)都|谁都会|换我也|心情|心里|着急|闹心|糟心|扫兴|别扭|委屈|生气|失望|难受|不舒服|不开心|不放心|担心|慌|折腾|影响(心情|使用)|很不方便|理解(您|的)|能理解|(是|这是)我们的(错|失误|问题|责任)|我们(的)?失误|没做好|frustrat|annoy|disappoint|upset|worr(y|ied|ying)|alarm|scary|stress|rough|miserable|unhappy|understand (how|the|why|your)|(completely|totally|really) understand|i get it|i can (hear|see|imagine)|i hear you|right to (be|push|ask)|that must|must (be|have been|feel)|(that's|that is|this is) on us|our (mistake|fault|error)|let you down|(a|no) fun|confusing|(not|isn't|wasn't) the (service|experience) (we|you)|(totally|completely|perfectly|that's|that is) fair|understandable|makes (total |complete )?sense/;

/**
 * An excuse, a deflection or a refusal (T-1: never lead with one): the fault put on someone else
 * (快递压的, "the carrier's problem, not ours"), the problem played down (根本不影响, "totally
 * normal"), or a flat no (拆封了就不能退, "final sale, we can't take it back").
 */
export const EXCUSE = /不是我们|跟我们(没|无)关|(快递|物流|仓库|系统|厂家|工厂|总部|银行|平台)[^。!！?？]{0,8}(导致|压的|压坏|弄的|摔的|的问题|的原因|的事|决定|不收件)|我们是按|出库的时候都是好|根本不影响|不影响(穿|使用|用)|都这样|很正常|正常(的)?现象|常有的事|每天都有|(不能|不给|不支持|不可以|没法|无法)(退|换|赔|补)|拆封了?就|不退不换|not (us|ours)\b|not our (fault|problem|responsibility)|nothing to do with us|(carrier|courier|bank|post office|postal service|shipping company|head office|supplier|warehouse|factory)('s|s')? (problem|fault|issue|responsibility)|(the )?(courier|carrier|post office) (broke|damaged|lost|dropped|crushed)|(set|decided) by (head office|the platform|our system|the system)|out of our (hands|control)|(can't|cannot|can not|won't|don't) (be )?(take (it|them) back|accept (it|returns)|refund|return|returned|exchange)|(is|are) (a )?final sale|non-?returnable|(totally|completely|perfectly) normal|happens all the time|we only see/;

/** "Sorry, but …": an apology used to open a refusal (T-1). */
export const BUT = /但|但是|不过|可是|\bbut\b|\bhowever\b|unfortunately/;

/** A question to the customer (clarifying, T-3 "conclude from the customer's words alone"). */
export const QUESTION = /[?？]|请问|麻烦您|能否|可否|是否|方便.{0,6}(吗|么)|能不能|可不可以|could you|can you|would you|did you|do you|is it|are you|have you|please (send|share|check|confirm|tell)/;

/** A time in a commitment (T-7). */
export const COMMIT_TIME = /\d+\s*(个)?(小时|分钟|天|个?工作日)|[一二两三四五六七八九十半]+\s*(个)?(小时|分钟|天|个?工作日)|今天|今晚|明天|明早|后天|马上|立刻|立即|稍后|下班前|(本|这|下)(周|星期)|(周|星期|礼拜)[一二三四五六日天]|\d+\s*(点|号)|within\s+\d+|within (the|an|one|two|24|48) (hours?|days?|business days?)|today|tonight|tomorrow|right away|immediately|this (morning|afternoon|evening|week)|(on|by|next) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|by (end of (the )?day|the end of|noon)|in \d+\s*([-–~]|to)?\s*\d*\s*(business |working )?(minutes?|hours?|days?|weeks?)|\d+\s*([-–~]|to)\s*\d+\s*(business |working )?(days?|hours?|weeks?)|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\d+\s*(am|pm)\b/;

/** What will be done (T-7). */
export const COMMIT_ACTION = /发出|补发|寄出|单号|快递单|跟进|回复|联系您|通知您|告诉您|安排|退款到|到账|处理好|提交主管|转交|tracking (number|code)|ship|send you|sent to you|follow up|update you|get back to you|let you know|arrange|credited|refund will|will (reply|respond)|escalated|(i'll|i will|we'll|we will|i'm going to|we're going to) (send|ship|email|call|refund|replace|arrange|process|reship|issue|credit|check|contact|update)|(i|we)('ve| have) (just )?(refunded|sent|shipped|issued|arranged|booked|approved|credited|reshipped|submitted)|refund (goes|will go) out|(will|it'll|should) (post|arrive|land|appear|show up)|已(经)?(退|发|安排|提交|补发)|(我|我们)(先|马上|这就|现在|立刻)(帮您)?(在后台)?(核对|核实|查|查看|确认|调取)|(i'm|i am|let me|i'll) (check|look into|pull up|pulling up|checking|verify)/;

/** Checking back after the fix (§6 follow-up). */
export const FOLLOW_UP = /跟进|回访|再(联系|问问|问一下|跟您|和您|给您|回复|查一次|查一下|看一下)|确认.{0,6}(收到|满意|解决|合不合适|好不好)|follow(ing)? up|check back|check in|make sure (it|you|everything)|(message|email|write to|text|contact|call|ping|update) you again|(i'll|i will|we'll|we will) (message|email|write|text|contact|call|ping|update) you (on|by|tomorrow|next|again|when|once|\d|(mon|tues|wednes|thurs|fri|satur|sun)day)|touch base|reach out (again|on|by|tomorrow)/;

/** Vague comfort with no concrete step: counts as no commitment. */
export const VAGUE = /会处理|尽快|尽量|看看吧|再说|we('| wi)ll look into it|as soon as possible|asap|we('| wi)ll see/;

/**
 * A commitment whose time is left open (T-7: say what happens next and when): "soon", "some
 * time", "过几天", a time that depends on someone else ("when we hear back", "有结果了"), or
 * saying the time is unknown ("不好说", "not sure when"). Read per sentence, together with a
 * future action or arrival (VAGUE_ACTION), and only where no concrete time is given.
 */
export const VAGUE_TIME = /尽快|过(几|两)天|过段时间|(一|些)段时间|回头|以后|之后再|有(结果|消息|进展)(了)?(再|就)|到时候|(不|没)(好|太)?说|说不(好|准|定)|不(确定|清楚|知道)(什么时候|多久|哪天)|(什么时候|多久|哪天)[^。!?？！]{0,12}(不好说|说不好|说不准|不确定|不清楚|不知道|得看|要看|看仓库|看情况)|得看|再看|再说|(耐心|慢慢)等|早晚|迟早|soon|some ?day|some ?time|at some point|later|in a while|a while|eventually|when (we|i|they|it|you)\b[^.!?]{0,30}\b(hear|get|gets|got|come|comes|arrive|arrives|back|receive|know)|once (we|i|they) (hear|know|get)|not sure when|no idea when|don't know when|can't say when|hard to say|might|maybe|someone (will|might|should|can)|anyone will|(when|whenever) (we|i) can|as soon as (possible|we can)|asap|in due course|give us (some )?time/;

/** A promise to report back ("I'll let you know", "有结果了联系您"): a commitment only with a time. */
export const REPORT_BACK = /let you know|get back to you|(contact|call|update) you\b|(联系|通知|回复|告诉)您|再(联系|回复|通知)/;

/** A future action or arrival a commitment names (T-7). */
export const VAGUE_ACTION = /会(发|到|处理|安排|联系|退|给|寄|补|回复|通知|有|动|更新)|等(通知|消息|结果)|(再|就能?)(发|到|处理|安排|联系|看|退|寄|补)|反馈|转给|转交|联系您|通知您|回复您|处理|安排|发货|能发|退款|will (be )?(arrive|ship|send|get|contact|reach|process|handle|sort|look|call|email|reply|respond|refund|replace|show up|take care|update)|\b(it|they|this|that|someone|somebody|we|i|he|she)('ll| will| might| may| should)\b|let you know|get back to you|pass (this|it) on|show up|go out|sort (it|this|out)|take care of|on the way|(could|might|may|will) take|take a while|look at it|hang tight|bear with us/;

/** Offer kinds a trainee may propose, with the words that propose them. */
export const OFFER_WORDS: ReadonlyArray<readonly [OfferKind, RegExp]> = [
  ['return_refund', /退货退款|退货|寄回.{0,10}退款|退回.{0,10}退款|return (it|the item|them|the [a-z]+)[^.?!]{0,20}refund|return and refund|send (it|them) back[^.?!]{0,20}refund|refund[^.?!]{0,30}(once|when|after) (we|it|the item) (receive|arrive|get)|refund[^.?!]{0,40}(once|when|after) (it'?s|it is|they'?re|the item is) (back|returned|received|with us)|(prepaid|return) (shipping )?label[^.?!]{0,80}refund|approved (the|your) return|return (is|has been) approved|refund[^.?!]{0,40}\b(of|after|upon|on) (receiving|receipt|the return|(it|them) arriving)/],
  ['refund', /退款|退钱|退您|退给您|全额退|退全款|原路退回|原路返回|退还给您|退回给您|退回到您|refund|money back/],
  ['partial_refund', /部分退款|补偿您?\s*\d|补偿|赔偿|partial refund|compensat/],
  ['reship', /补发|重新发|再发一|给您补|重发|reship|resend|send(ing)? (you )?(a )?(new|replacement|another|the missing)|ship(ping)? (you )?(a )?(new|replacement|another|the missing)/],
  ['exchange', /换货|换一|调换|更换|给您换|换成|换个|重新换|exchange|replace(ment)?|swap (it|them) for/],
  ['coupon', /优惠券|代金券|红包|店铺券|coupon|voucher|store credit/],
  ['repair', /维修|修理|保修|返修|repair|fix it/],
  ['keep_at_discount', /折价|留下.{0,8}(优惠|便宜|折)|留着.{0,8}(优惠|便宜|折)|keep (it|the item)( at| for| with)? (a )?discount|keep it for/],
  ['price_difference', /差价|price difference|difference (back|refunded)|(refund|pay|credit|return)(?:[^.?!]|\.\d){0,24}\bdifference\b/],
  ['expedite', /顺丰|加急|特快|expedite|express (shipping|delivery|courier)|overnight/],
  ['wait_restock', /等.{0,4}(货|补货)|到货(后|了|就)|补货(后|了|就)|wait (for|until)[^.?!]{0,20}(restock|back in stock|arrive)|once (it'?s|they'?re) back in stock/],
  ['switch_variant', /其他(款|颜色|尺码)|别的(款|颜色|尺码)|换.{0,3}(款|颜色|色|尺码)|(黑|白|红|蓝|灰|绿|粉)色的?(可以|行|也)|(another|different|other) (colou?r|style|size|model|variant|pair|one)|\binstead\b|the (black|white|red|blue|grey|gray|green|pink) (pair|one)|in (black|white|red|blue|grey|gray|green|pink)\b/],
  ['gift', /赠品|小礼物|送您一|gift|freebie/],
];

/** Collecting evidence (M-1). */
export const EVIDENCE = /证据|聊天记录|截图|交易记录|物流记录|物流轨迹|签收|凭证|发票|evidence|chat (log|record)|records|screenshot|proof|signature|tracking (history|trace)|invoice/;

/** Escalating to a supervisor or the platform (M-1, Q-4). */
export const ESCALATE = /主管|上级|经理|平台|客服介入|举报|报警|supervisor|manager|escalat|the platform|report (this|it)|police/;

/** Telling the customer they pay the postage (checked against §4). */
export const CUSTOMER_PAYS_POSTAGE = /(运费|邮费)[^。!！?？,，]{0,6}(您|你)[^。!！?？]{0,4}(自己)?(出|承担|付|负责)|(您|你)[^。!！?？,，]{0,4}(自己)?(承担|出|付)[^。!！?？,，]{0,4}(运费|邮费)|you('ll| will)? (need to |have to )?(pay|cover) (for )?(the )?(return )?(shipping|postage)|at your (own )?(cost|expense)/;

/** Money talk that is about postage, not compensation. */
export const POSTAGE_CONTEXT = /运费|邮费|快递费|postage|shipping (fee|cost)|return shipping/;

/** Asking for secrets a chat must never ask for (P-3). */
export const SECRET_REQUEST = /(告诉|提供|发|报)[^。!！?？]{0,8}(密码|验证码|银行卡号|卡号|cvv|安全码)|(your|the) (password|verification code|cvv|card number|pin)/;

/** Words of agreement (swap mode: the customer accepts). */
export const AGREE = /^(好的?|好吧|行|可以|没问题|谢谢|嗯|ok|okay|fine|sure|thanks|thank you|deal|sounds good)/;

/** Default words that ask about each fact; a scenario adds its own. */
export const FACT_ASK_WORDS: Partial<Record<FactKey, RegExp>> = {
  restockExpected: /到货|补货|什么时候有货|restock|back in stock/,
  customerAcceptsAlternative: /其他(款|颜色)|换.{0,2}(款|颜色)|别的|alternative|another (colou?r|style|variant)/,
  trackingUpdated: /物流|单号|快递|tracking|courier/,
  weightMatchesCustomerClaim: /重量|称重|多重|底单|面单|快递单|包裹.{0,6}(照片|图)|拍.{0,4}(照|图)|照片|weigh|weight|packing slip|label|photo|picture/,
  missingSku: /少了?哪|哪(一|个|件)|缺.{0,3}(哪|什么)|which (item|one|part)|what('s| is) missing/,
  customerOrderedThis: /下单.{0,6}(时|选)|订单.{0,6}(规格|尺码|颜色)|拍的(是)?|选的(是)?|what did you order|which (size|colou?r) did you (order|choose|select)|order page/,
  wrongItemValue: /收到的是|收到了什么|什么商品|what did you receive|which item did you get/,
  customerWantsItem: /留下|留着|愿意.{0,4}(留|要)|keep it|would you like to keep/,
  urgent: /急着用|着急用|急用|什么时候.{0,4}(要|用|收到)|哪天.{0,4}(要|用|收到)|几号.{0,4}(要|用|收到)|need it|when do you need|urgent|deadline|by when/,
  misuse: /怎么(用|使用|安装|操作)|使用方法|按照说明|说明书|视频|how (did|do) you (use|install)|video|instructions/,
  customerInsistsReturn: /退货还是|换货还是|想要退|想退还是|return or (keep|exchange)|prefer (a )?(return|refund|exchange)/,
  listingAccurate: /详情页|描述|图片|色差|listing|description|product page/,
  invoiceAvailable: /发票|进货|invoice|authentic/,
  customerHasProof: /鉴定|证明|凭证|依据|proof|evidence|appraisal|certificate|why do you think/,
  withinWarranty: /保修|什么时候买|购买日期|warranty|when did you buy/,
  priceNow: /现在.{0,6}(价格|价钱|多少钱|卖多少)|降了多少|降到多少|现价|活动价|price now|current price|how much is it now|price (is|shows) now|what('s| is) the price/,
  duplicateCharge: /扣款|扣了两|支付记录|付款记录|账单|charged twice|payment record|bank statement/,
  verifiedDifference: /差了多少|多收|价格差|优惠券|coupon|difference|how much more/,
  customerDamaged: /怎么坏|摔|进水|how did it break|dropped|water/,
};
