/**
 * The sentence patterns of the agent reader, one table per rule of POLICY.md. Each pattern is
 * written for a family of wordings, with slack for words added or changed ("实在是没有什么办法了",
 * "there isn't much more we can do"), and is matched per sentence of the normalised text.
 * Negated or conditional sentences ("我们不会索要密码", "if the courier cannot deliver") are let
 * through by the guards next to each pattern.
 */

export type ReaderRule = 'T-3' | 'T-4' | 'P-3' | 'M-1' | '§4';

export interface SentencePattern {
  rule: ReaderRule;
  /** Family name, for evidence and tests: dunno, no_way, common, blame, pass_on, review_value … */
  family: string;
  re: RegExp;
  /** The sentence is let through when this matches it (negation, question, condition). */
  unless?: RegExp;
}

const ZH_QUESTION = /[?？]|请问|是否|吗|么|有没有|能不能|可不可以/;
const ZH_CONDITION = /如果|若|万一|要是|假如|的话|一旦|如(?=商品|产品|宝贝|确|有|实|您)/;
const EN_CONDITION = /\b(?:if|unless|in case|should the|whether)\b/i;
const ZH_PLAN_AFTER = /(?:不知道|不清楚|不太清楚|不了解)[^。！？]{0,12}(?:核实|查|确认|了解一下|帮您|为您|给您|联系|跟进|回复)/;
const EN_PLAN_AFTER = /\b(?:but|so) (?:i|we|let me)(?:'ll| will|'m going to| am going to)? (?:check|find out|look|ask|confirm|follow|get back|contact|investigate)|let me (?:check|find out|look|ask|confirm)/i;
const ZH_NEGATED = /不会|绝不|决不|从不|不能|无法|不可以|不提供|不接受|不予|请勿|切勿|不要|无需|不需要|不用|不必|不得|禁止|拒绝|没法|不同意/;
const EN_NEGATED = /\b(?:never|won't|will not|cannot|can't|can not|don't|do not|doesn't|does not|unable|not able|no need|refuse|not (?:going|allowed|permitted)|under no circumstances|not in a position)\b/i;

export const T3_PATTERNS: readonly SentencePattern[] = [
  // 不知道 / 不清楚 as a non-answer; "不知道您是否方便" is a polite question.
  { rule: 'T-3', family: 'dunno', re: /(?:我|我们|这边|这个|这事|具体)[^，,。！？]{0,4}(?:也|真的|实在|确实|并)?(?:不知道|不清楚|不太清楚|不了解|不太了解|说不好|说不准|搞不清)(?!您|你|是否|的话|的地方)|(?:不知道|不清楚)(?:啊|呢|哦|了|呀)?\s*(?:[。！!～~]|$)|我哪(?:知道|清楚)|谁知道(?:呢)?|天知道|鬼知道/, unless: ZH_PLAN_AFTER },
  { rule: 'T-3', family: 'dunno', re: /\bi just work here\b|\bi (?:really |honestly |just |truly )?(?:don't|do not|dont|have no) (?:really )?(?:know|idea|clue)\b(?! (?:if|whether) you)|\bno (?:idea|clue)\b|\bbeats me\b|\bwho knows\b|\bnot sure what (?:to tell you|happened|else)\b|\bno way (?:of knowing|to know|to tell)\b|\bcouldn't tell you\b/i, unless: EN_PLAN_AFTER },
  // 没办法 and its relatives.
  { rule: 'T-3', family: 'no_way', re: /没(?:有)?(?:什么|任何|别的|其他|更好的|好的)?(?:好)?(?:的)?办法|无能为力|爱莫能助|帮不了|帮不上(?:忙)?|无法(?:帮(?:您|你)?|处理|解决)(?:这个|此)?(?:问题|事)?(?:了|的)?\s*(?:[。！!]|$)|处理不了|解决不了|管不了|搞不定|没有权限|无权(?:处理|决定)|权限不够|弄不了|办不到|做不到|没法(?:弄|办|处理|解决|帮|管)|没辙|无计可施|只能(?:这样|如此)了|就这样吧/, unless: ZH_CONDITION },
  { rule: 'T-3', family: 'no_way', re: /\bnothing (?:more |else |much |further |at all )?(?:that )?(?:i|we) (?:can|could) (?:really |actually |possibly )?do\b|\b(?:there's|there is|there isn't|there is not|there's not) (?:really )?(?:not )?(?:much|anything|a lot) (?:more |else )?(?:that )?(?:i|we) (?:can|could) do\b|\b(?:isn't|is not|'s not|not) (?:\w+ ){0,3}(?:that )?(?:we|i) can (?:really )?do\b|\b(?:can't|cannot|can not) do anything\b|\bnot much (?:more )?(?:i|we) can do\b|\bout of (?:our|my) hands\b|\b(?:our|my) hands are tied\b|\bbeyond (?:our|my) control\b|\bnot (?:something|anything) (?:we|i) can (?:help with|do|fix)\b|\babove my pay grade\b|\bnothing to be done\b|\b(?:can't|cannot|unable to) help (?:you )?(?:any further|with (?:this|that))?\s*(?:[.!]|$)|\b(?:can't|cannot|can not|are unable to|aren't able to) (?:really )?help (?:you )?(?:with (?:this|that|it)|there|here|any further)\b/i, unless: EN_CONDITION },
  // 这是常有的事 and its relatives.
  { rule: 'T-3', family: 'common', re: /常有的事|(?:是|属于)(?:很|非常|挺|比较|再)?(?:正常|常见|普遍)(?:的)?(?:现象|情况|事情|事)|(?:这|那|这种|这个|这类|这样的)(?:情况|事情|事|问题)?(?:是|很|都|挺|也|属于)?(?:很|非常|挺)?(?:常见|正常|普遍|难免)(?:的|现象|情况|的事)?(?!了吗)|在所难免|(?:这种|这类|这样的)(?:事|事情|情况|问题)[^。!?！？]{0,12}都(?:会)?(?:有|发生|这样|出现)|经常(?:会)?(?:发生|出现|遇到|有)(?:的|这种)|大家都(?:这样|会遇到|一样)|都这样|每天都有/, unless: /恢复正常|一切正常|是否正常|正常(?:使用|发货|运行|工作|送达|派送)/ },
  { rule: 'T-3', family: 'common', re: /\b(?:(?:this|that|it|which) )?(?:happens|happen|break|breaks|fail|fails) (?:all the time|a lot|quite often|often|frequently|every day|to everyone)\b|\b(?:this|that|it)(?:'s| is) (?:very |pretty |quite |totally |completely |perfectly |just )?(?:normal|common|usual|to be expected|nothing unusual)\b(?! to (?:feel|be|want|worry|ask|expect|wonder))|\b(?:delays?|issues?|problems?|things? like this|cases? like this|this kind of thing)\b[^.!?]{0,20}\b(?:is|are)(?: very| pretty| quite| really| fairly| totally| extremely)? (?:common|normal|usual|expected)\b|\b(?:it|this) always happens\b|\beveryone (?:gets|has) this\b|\bthese things happen\b|\bjust how it is\b|\bit is what it is\b|\bthat'?s just how (?:it|things|couriers|deliveries|shipping|it goes) (?:is|are|work|goes)\b|\bjust the way (?:it|things) (?:is|are)\b/i, unless: /back to normal|normal (?:use|wear|delivery|operation)/i },
  // Blame: plain, polite (您…), or as advice about what the customer should have done.
  { rule: 'T-3', family: 'blame', re: /(?:(?<![一二三四五要若如还就可总于但或不])是|怪|都怪|要怪|只能怪)(?:您|你)(?:自己)?(?!的订单|的包裹|的快递|想|要|希望|需要|本人|的权利|的自由|的选择|的心情|的意见|的建议|的反馈|的评价|的需求)|(?:您|你)自己(?:的)?(?:问题|原因|责任|没有?|不小心|弄|搞|操作|选错|拍错|看错)|(?:您|你)(?:当时|当初|下单时|下单的时候|购买时|之前)?(?:没有?|未)(?:仔细|认真|好好)?(?:看|阅读|注意|确认|核对|检查)(?:清楚|仔细)?(?:详情|说明|描述|尺码|页面|规格)?|(?:您|你)(?:拍|选|看|弄|填|写|用|操作|理解)错|(?:使用|操作|安装|保管)不当(?:造成|导致|引起)|(?:您|你)[^。,，]{0,8}?(?:应该|应当|本应|本该|早该|当初应该|当时应该|最好)(?:先|提前|早点|仔细|认真|好好)*(?:看|阅读|确认|核对|检查|注意|咨询|问|联系|量)|建议(?:您|你)?(?:以后|下次|今后)[^。！？]{0,12}(?:注意|看清|仔细|认真|确认|核对|验货|检查|查看|留意|当面)|(?:下次|以后|今后)(?:请|麻烦)?(?:您|你)?(?:注意|看清|仔细|认真|多留意)|谁让(?:您|你)|(?:页面|详情页|描述|说明|商品页)(?:上|里)?(?:都|已经|明明)?(?:写|标|注明)(?:得|的)?(?:清清楚楚|很清楚|清楚|明白|明明白白)|(?:您|你)[^。!?！？]{0,14}(?:就好了|就行了|就没事了)|早(?:点|些)?(?:说|联系|告诉|问)(?:我们)?(?:就好了|就行了)|(?:您|你)[^。!?！？]{0,10}(?:如果|要是|假如)[^。!?！？]{0,16}(?:就不会|就不至于|也不会)|(?:如果|要是|假如)[^。!?！？]{0,16}(?:仔细|认真|看清|注意)[^。!?！？]{0,12}(?:就不会|就不至于|也不会)|(?:如果|要是|假如)(?:您|你)(?:当时|之前|当初|下单前)?[^。！？]{0,14}(?:就不会|就不至于|也不会)|是因为(?:您|你)|由于(?:您|你)(?:的)?(?:原因|操作|疏忽|失误)|(?:您|你)的(?:疏忽|失误|过错|错)|属于(?:您|你|客户|买家)(?:的|个人)?(?:原因|责任)/, unless: /[?？]|请问|是否|有没有|吗/ },
  { rule: 'T-3', family: 'blame', re: /\byour (?:own )?(?:fault|mistake|error|carelessness|responsibility)\b|\b(?:it's|that's|it is|that is) (?:really )?your (?:own )?problem\b|\byou (?:must have|probably|clearly|obviously|evidently) (?:ordered|chose|chosen|selected|picked|used|dropped|misread|installed|broke|broken|damaged|misunderstood)\b|\byou (?:ordered|chose|selected|picked|bought) the wrong\b|\byou (?:didn't|did not|failed to|neglected to) (?:read|check|look|pay attention|follow|measure|notice)\b|\b(?:user error|improper use|misuse) (?:on your part|by you)\b|\bcaused by (?:your|you)\b|\b(?:next time|in (?:the )?future),? (?:please |kindly )?(?:make sure|read|check|be (?:more )?careful|pay (?:more )?attention|double[- ]check|measure|look)\b|\b(?:it would have been|it'd have been|it'd be) (?:better|best|wise|helpful|ideal) (?:if|for) you\b|\bif you(?:'d| had) (?:read|checked|followed|looked|ordered|chosen|measured|asked|contacted)\b|\byou (?:clearly |obviously |simply |just )(?:didn't|did not|failed to) (?:read|check|look|pay attention|follow|measure|notice)\b|\bbe more careful\b|\bpay more attention\b|\byou (?:could|might) have (?:read|checked|avoided|looked|measured|asked)\b|\byou ought to have\b|\bperhaps you (?:could|should) have\b|\byou should(?:'ve| have) (?!received|got|gotten|been|it\b|them\b|the\b|a\b|an\b|your\b|heard|seen)\w+|\bas (?:clearly )?(?:stated|shown|written|mentioned|described) (?:clearly )?(?:in|on) the (?:listing|description|product page)\b|\bthe (?:listing|description) (?:clearly|plainly|explicitly) (?:says|states|shows)\b|\byou(?:'re| are) (?:wrong|mistaken)\b|\b(?:was|is|were|are) (?:right there|clearly (?:stated|shown|written|listed)) (?:on|in) (?:the )?(?:page|listing|description|product page)\b/i, unless: /\?\s*$/ },
  // Passing the complaint back: "find the courier yourself", "not our department".
  { rule: 'T-3', family: 'pass_on', re: /(?:您|你)(?:可以|需要|得|要|自己|直接|最好|还是|去|自行|应该|应当){0,3}(?:联系|找|问|咨询|投诉|找一下|问一下|联系一下)(?:下)?(?:快递|物流|快递公司|快递员|厂家|厂商|品牌方|生产商|平台客服|官方客服|顺丰|圆通|中通|申通|韵达|邮政|京东物流|极兔|EMS)|(?:去)?找快递(?:公司)?(?:去|吧)|(?:不|不是)(?:归|由)?(?:我|我们|我方|本店)(?:管|负责)|不关我(?:们)?的事|跟我(?:们)?(?:没|无)(?:关|关系)|(?:这|那)(?:是|属于)(?:快递|物流|厂家|平台)(?:的|方面的)?(?:问题|责任|事)|不在我(?:们)?的(?:职责|范围|负责范围)|(?:我|我们)这边(?:管不了|处理不了|负责不了)/, unless: /我们(?:会|将|来|已|帮|替)|为您|帮您|替您/ },
  { rule: 'T-3', family: 'pass_on', re: /\b(?:you(?:'ll| will)? (?:need|have|want) to|you (?:can|could|should|must|may want to|might want to)|please|just|go|try to|best to) (?:contact|call|ask|reach out to|email|complain to|take it up with|talk to|check with|speak to|file a claim with) (?:the |your )?(?:courier|shipping company|carrier|delivery company|post office|manufacturer|brand|fedex|ups|dhl|usps|logistics company)\b|\bnot (?:our|my) (?:problem|responsibility|department|job|fault|concern)\b|\bnothing to do with us\b|\b(?:a )?(?:question|matter|issue|problem) for the (?:courier|carrier|manufacturer|post office|shipping company)\b|\bnot (?:up to|on) us\b|\bthe courier'?s (?:fault|problem|responsibility)\b|\btake (?:it|this|that) up with\b/i, unless: /\b(?:we|i)(?:'ll| will| can| have)? (?:contact|call|chase|file|ask)\b/i },
  // Second widening (after the t1/t2 sets): the same families in forms they did not know.
  { rule: 'T-3', family: 'dunno', re: /不晓得|不知到|木有办法|没得办法|莪也不|\bidk\b|\bdunno\b/i, unless: EN_PLAN_AFTER },
  { rule: 'T-3', family: 'common', re: /(?:色差|起球|线头|划痕|异味|味道|掉色|褪色|延迟|波动|压痕|瑕疵|小毛病)[^。！？,，]{0,6}(?:是|属于|很|都|挺)?(?:正常|常见)|正常(?:的)?(?:损耗|磨损)|\b(?:normal|usual|common) wear and tear\b|\b(?:is|are|'s)\s+(?:pretty |very |totally |completely |perfectly |quite |kind of |kinda |fairly )?(?:normal|common|standard|to be expected)\s+(?:for|with|in|on)\s+(?!the (?:refund|return|exchange))\w+|\bthat's (?:just )?(?:online shopping|retail|how (?:it|the system|things) works?)\b|\bprices? change all the time\b/i, unless: /[?？]\s*$/ },
  { rule: 'T-3', family: 'pass_on', re: /跟我们(?:店)?(?:没|无)(?:有)?关(?:系)?|不归我们管|管不着|(?:您|你)(?:自己)?(?:去)?(?:找|问问?)(?:快递|物流|仓库|品牌|厂家|官方|银行|别人|她|他|之前的客服)[^。！？]{0,6}(?:去|吧)|(?:您|你)(?:得|要|需要)?自己去?联系(?:品牌|厂家|官方|快递)|\b(?:contact|call|ask|raise it with|go back to|talk to|take it up with)\b[^.!?]{0,40}\b(?:directly|yourself)\b|\bnot (?:in|under|within) our (?:control|scope|hands)\b|\b(?:isn't|is not|not) (?:my|our) (?:department|responsibility|job)\b|\bwe(?:'re| are) (?:only|just) (?:the )?(?:reseller|seller|middleman)\b|\b(?:we are|we're) not (?:responsible|liable)\b|\bunable to (?:assume|accept) (?:liability|responsibility)\b|\bcan't (?:really )?help (?:you )?with (?:their|that|this)\b/i, unless: /\b(?:we(?:'ll| will| have| 've)|i(?:'ll| will| have| 've)) (?:contact|call|reach|email)/i },
  { rule: 'T-3', family: 'blame', re: /(?:下次|以后|今后)[^。！？]{0,10}(?:先|记得|最好|要)?(?:当面|对照|看清|仔细|验货|开箱|量一下|比对)|(?:之前|前|当时|当初)就?(?:该|应该|应当)(?:想好|看清|确认|检查|问)|只能怪(?:自己|您|你)|(?:您|你)那边的问题|别的(?:买家|顾客|客户|人)都[^。！？]{0,6}好好的|其他(?:买家|顾客|客户|人)都没(?:问题|事)|\b(?:next time|in the future|in future)\b[^.!?]{0,30}\b(?:you (?:might|may|could|should) want to|make sure|double-check|check|read|pay for|choose|opt for)\b|\bif you(?:'d| had) (?:paid|bought|picked|opted|selected|waited|chosen)\b|\bmust be (?:at|on) your (?:end|side)\b|\b(?:this|that)(?: one)?(?:'s| is) on you\b(?! to)|\bother (?:customers|buyers|people) (?:are|have been)? ?(?:using|use|had|have)[^.!?]{0,30}without (?:any )?(?:problem|issue)|\bbecause you (?:opened|used|dropped|washed|installed|left|put)\b|\b(?:you|you've|you have) (?:probably|most probably|likely|must have) (?:used|dropped|washed|opened|installed|overfilled|misused)\b|\bmost probably you\b/i, unless: /[?？]\s*$/ },
  { rule: 'T-3', family: 'argue', re: /(?:从来|一般|绝对|肯定|不可能)(?:都)?(?:不会)?(?:少发|发错|漏发)|卖了[^。！？]{0,8}(?:都|也)?没(?:问题|人说)|(?:你|您|你们)这种人|见多了|讹钱|想讹|碰瓷|\b(?:pretty |very |highly )?unlikely (?:that )?we (?:shipped|sent|packed)|\bwe (?:never|don't) (?:ship|send|pack) (?:short|the wrong)|\byou people\b|\bwith all due respect\b|(?:^|[,.]\s*)relax[.!]?\s*$|\bcalm down\b/i },
];

export const REVIEW_ACT_ZH = /(?:给|打|留|写|发|改|删|撤|修改|删除|撤销|撤回|追加|更新|改成|换成|调整)(?:个|一个|下|一下|掉|成|为)?(?:我们)?(?:一?个|一下)?(?:好评|五星|5星|满分|评价|差评|中评|追评|评论|评分)|(?:好评|差评|评价|中评)[^。！？!?]{0,4}(?:删|撤|改|修改|删除|撤回|撤销|更新)|(?:别|不要|不要再|别再)(?:给|打|留|写)?(?:个|我们)?(?:差评|中评)|好评|五星好评|晒图/;
export const VALUE_ZH = /返现|返(?:您|你)?\s*\d|红包|现金|补偿|赔偿|优惠券|代金券|无门槛券|券|礼物|礼品|赠品|小礼|送(?:您|你)|送(?!达|货|到|出|回|去)[\u4e00-\u9fa5]|运费险|转(?:您|你)|退(?:您|你)\s*[\d一二两三四五六七八九十百]|给(?:您|你)(?:\d|[一二两三四五六七八九十百]|一些|点|个)|折扣|打折|打[一二三四五六七八九]折|[一二三四五六七八九]折|优惠|减免|免单|[\d]+\s*(?:元|块)|¥\s*\d/;
export const REVIEW_ACT_EN = /\b(?:leave|leaving|give|giving|write|writing|post|posting|change|changing|update|updating|edit|editing|remove|removing|delete|deleting|take down|taking down|revise|revising|amend|raise|upgrade|bump|rate)\b(?: us| me| it)? (?:up )?(?:a |an |your |the |that |this |my |our )?(?:(?:5|five)[- ]star|positive|good|great|glowing|better|nice|bad|negative|1[- ]star|one[- ]star|higher)? ?(?:review|rating|feedback|stars?)\b|\b(?:5|five)[- ]stars?\b|\bpositive (?:review|feedback|rating)\b|\bgood review\b|\brate us\b|\b(?:review|rating|feedback)s?\b[^.!?]{0,20}\b(?:taken down|removed|deleted|changed|updated|edited|revised)\b/i;
export const VALUE_EN = /\b(?:cash|money|refund|coupon|voucher|discount|gift|freebie|bonus|reward|compensation|credit|cashback|rebate|paypal|perk|treat|something (?:extra|special)|a little something|free (?:item|gift|product|shipping)|thank[- ]you (?:gift|present|bonus))\b|[$¥]\s*\d|\d+ ?% off|\bin (?:return|exchange)\b/i;
const REVIEW_LINK_EN = /\bin (?:return|exchange)\b|\ball (?:we|i) ask\b|\ball you (?:need|have) to do\b|\bas a thank[- ]you for\b|\bfor (?:leaving|writing|giving|changing|removing|updating|deleting)\b|\b(?:once|after|when|as soon as) you(?:'ve| have)? (?:left|leave|post|posted|change|changed|remove|removed|update|updated|delete|deleted|edit|edited)\b/i;
const REVIEW_LINK_ZH = /作为(?:感谢|回报|答谢)|只要|条件是|就(?:给|送|返|退|补)|即可(?:获得|领取)|之后(?:就|我们)/;

/** T-4: value offered for a review or a review change; threats to the customer; fake reviews. */
export const T4_PATTERNS: readonly SentencePattern[] = [
  { rule: 'T-4', family: 'threat', re: /拉黑|黑名单|封(?:号|您的号|你的号|账号|禁)|举报(?:您|你)|投诉(?:您|你)(?!的)|起诉(?:您|你)|告(?:您|你)(?!知|诉|一声)|(?:追究|承担)(?:您|你)?(?:的)?法律责任|律师函|后果自负|走着瞧|(?:否则|不然|要不然)[^。！？]{0,15}(?:报警|起诉|举报|法律|后果|拉黑|封)|(?:我们|我)(?:会|将|就|要)?(?:直接)?(?:报警|起诉)(?!中心)|曝光(?:您|你)|公开(?:您|你)的(?:信息|资料|隐私)|把(?:您|你)的(?:信息|资料|隐私)(?:公开|曝光|发到网上|挂出来)|(?:限制|冻结)(?:您|你)的(?:账号|账户)|(?:把|将)?(?:您|你)(?:的)?(?:账号|账户|ID|id)?(?:标记|标注|列|记|拉)(?:成|为|入|进)[^。！？]{0,6}(?:恶意|黑名单|问题|职业|差评师)|(?:向|跟|给|到)平台(?:举报|投诉|反映)(?:您|你)|(?:恶意|这种|此类|不实)差评[^。！？]{0,8}(?:举报|投诉|起诉)|(?:把|将)(?:您|你)的[^。！？]{0,8}(?:发到网上|挂到网上|挂出来|公开|曝光)|(?:挂|发)到网上/, unless: /不会|绝不|并非|不是要|可以向平台|您可以|你可以/ },
  { rule: 'T-4', family: 'threat', re: /\bblack-?list(?:ed|ing)?\b|\b(?:ban|block|suspend|flag|restrict|freeze) (?:you|your account|your profile)\b|\bbanned from\b|\breport (?:you|your account|your profile|you to)\b|\b(?:we|i)(?:'ll| will| shall| may| might| could| are going to)? (?:sue|take legal action|pursue legal|call the police|contact the police|involve (?:the police|our lawyers|lawyers|legal))\b|\blegal (?:action|consequences|steps) against you\b|\b(?:take|taking|pursue|pursuing|start|initiate) legal (?:action|steps|proceedings)\b|\byour account (?:will|may|could|might) be (?:flagged|banned|blocked|suspended|reported|blacklisted|closed|restricted)\b|\bor else\b|\byou(?:'ll| will) regret\b|\bconsequences for you\b|\bthere will be consequences\b|\bour lawyers\b|\b(?:you|your account|your profile|buyers?|customers?)\b[^.!?]{0,40}\b(?:(?:has|have|will|may|might|could|get|gets|be|been)\s+)+(?:flagged|marked|reported|listed|banned|blocked)\b|\b(?:reviews?|feedback|ratings?)\b[^.!?]{0,30}\b(?:will|shall|may|might|get|gets)\s+(?:be\s+)?reported\b|\breport (?:this|the|your|such|these) (?:review|feedback|rating)s?\b[^.!?]{0,20}\b(?:to|with) (?:the )?(?:platform|amazon|ebay|aliexpress|marketplace)\b|\b(?:post|share|publish|expose)\b[^.!?]{0,30}\b(?:online|publicly|on social media)\b/i, unless: /\b(?:never|won't|will not|not going to|you (?:can|may) report)\b/i },
  { rule: 'T-4', family: 'fake_review', re: /刷单|刷好评|刷评|假评|虚假评价|\bfake (?:reviews?|ratings?)\b|\bbuy(?:ing)? reviews\b|\breview farm/i, unless: /不会|绝不|从不|拒绝|\bnever\b|\bwon't\b|\bdon't\b/i },
  { rule: 'T-4', family: 'review_value', re: /好评返现|晒图返现|返现好评|五星返现/ },
];

/** True when one sentence (or a sentence and its neighbour, linked by "in return" words) trades value for a review. */
export function tradesValueForReview(sentence: string, next: string | undefined): boolean {
  if (trades(sentence)) return true;
  if (next === undefined) return false;
  const pair = `${sentence} ${next}`;
  return trades(pair) && (REVIEW_LINK_EN.test(pair) || REVIEW_LINK_ZH.test(pair));
}

/** Review act and value in `text`, the value not refused ("我们不会返现"; "please don't leave a bad review" negates the act, not the value). */
function trades(text: string): boolean {
  const refused = (re: RegExp, neg: RegExp) => {
    const m = re.exec(text);
    return !m || neg.test(text.slice(Math.max(0, m.index - 16), m.index + m[0].length));
  };
  const zh = REVIEW_ACT_ZH.test(text) && VALUE_ZH.test(text) && !refused(VALUE_ZH, ZH_NEGATED);
  const en = REVIEW_ACT_EN.test(text) && VALUE_EN.test(text) && !refused(VALUE_EN, EN_NEGATED) && !/\brefunded\b/i.test(text);
  return zh || en;
}

/** A request to change or update a review (allowed only once the case is solved, T-4). */
export const REVIEW_REQUEST = /(?:删|撤|改)[^。！？]{0,4}(?:一|1|两|2|三|3)\s*(?:颗)?星|(?:一|1|两|2|三|3)\s*(?:颗)?星(?:的)?(?:评价|差评)?[^。！？]{0,4}(?:删|撤|改)|\b(?:delet|remov|chang|updat|edit|rais|bump|tak)\w*\b(?:\s+(?:down|that|the|your|this|it|my|our))*\s+(?:\d|one|two|three|four)[- ]?stars?\b|(?:修改|更新|追加|改一下|改下|调整|重新|删除|删掉|删了|撤销|撤回|撤掉|追评)[^。！？]{0,6}(?:评价|差评|评论|评分|中评)|(?:评价|差评|中评)[^。！？]{0,6}(?:修改|更新|改一下|改下|改成|删|撤)|\b(?:updat\w*|chang\w*|revis\w*|amend\w*|reconsider\w*|edit\w*|remov\w*|delet\w*|take down|taking down|adjust\w*|rais\w*)\b(?:\s+\w+){0,3}\s+(?:reviews?|ratings?|feedback)\b/i;

/** P-3: asking for card numbers, CVV, passwords, SMS codes or photos of a card. */
export const P3_PATTERNS: readonly SentencePattern[] = [
  { rule: 'P-3', family: 'secret_request', re: /(?:请|麻烦|需要|提供|发|告诉|报|拍|输入|填|给我|发给|说一下|确认一下|核对一下|念)[^。！？]{0,14}(?:银行卡号|卡号|信用卡号|储蓄卡号|完整卡号|cvv2?|cvc|安全码|卡背面|背面的?(?:三|3)位|密码|支付密码|登录密码|验证码|动态码|短信码|校验码|银行卡(?:的)?(?:正反面|正面|背面|照片|图片|截图)|卡(?:片)?(?:的)?正反面|有效期)|(?:银行卡号|卡号|密码|验证码|cvv|安全码)[^。！？]{0,6}(?:发|告诉|提供|给|报)(?:我|我们|一下|过来)|(?:银行卡号|卡号|密码|验证码|cvv|安全码|有效期)(?:是|为)?(?:多少|什么)/i, unless: /不会|绝不|从不|切勿|请勿|不要|无需|不需要|不用|不必|谨防|保护好|任何人|后四位|尾号|打码|遮住|遮挡|隐去|马赛克/ },
  { rule: 'P-3', family: 'secret_request', re: /\b(?:send|give|tell|provide|share|confirm|type|read|enter|text|email|forward|need|require|verify|upload|take|snap|reply with|dm|post|include|attach|what(?:'s| is| are)|may i have|can i have|could i have|let me have|we'll need)\b[^.?!]{0,40}\b(?:card number|card no\.?|card details|full card|card's number|long number on (?:your|the) card|cvv2?|cvc|cv2|security code|(?:3|three)[- ]digit code|password|passcode|pin(?: number| code)?|verification code|sms code|otp|one[- ]time (?:code|password|passcode)|code (?:we|you) (?:just )?(?:sent|texted|received|got)|expiry date|expiration date|photo of (?:your|the) (?:bank |credit |debit )?card|picture of (?:your|the) (?:bank |credit |debit )?card|(?:both|two) sides of (?:your|the) (?:bank |credit |debit )?card|front and back of (?:your|the) (?:bank |credit |debit )?card|login details|online banking|(?:16|sixteen)[- ]digits?|selfie (?:with|holding) (?:your|the) (?:bank |credit |debit )?card|holding (?:your|the) (?:bank |credit |debit )?card|digits on (?:the front of |the back of )?(?:your|the) card)\b/i, unless: /\b(?:never|won't|will not|don't|do not|no need|not need|without|last (?:4|four) digits)\b/i },
];

const OFF_PLATFORM = /微信|加微|(?<![a-z])vx(?![a-z])|v信|(?<![a-z])wx(?![a-z])|威信|(?<![a-z])qq(?![a-z])|扣扣|whatsapp|telegram|t\.me\/|wa\.me\/|\bline id\b|\bwechat\b|\bsignal app\b|私聊|私下(?:联系|沟通|解决|处理|转|给)|站外|加我|加个好友|电话(?:联系|沟通)|手机号(?:联系)|留(?:个|下|一下)?(?:您的)?(?:电话|手机|号码)|打给您|打您(?:的)?电话|电话里(?:聊|说|谈)|细聊|\bmy (?:personal )?(?:number|phone|cell|mobile|email)\b|\bcall me\b|\btext me\b|\bdm me\b|\boff[- ]platform\b|\boff the (?:platform|record|books)\b|\boutside (?:the|this) (?:platform|app|site)\b|\bpersonal (?:account|number|email)\b/i;
const COMPENSATION_ZH = /全退|退给(?:您|你)|钱[^,，。！？]{0,3}退|补(?:您|你)?\s*\d|补偿|赔偿|红包|转账|转给(?:您|你)|退款|退钱|退(?:您|你)|返现|赔(?:您|你)|私下(?:给|转)|优惠券|代金券|礼品|礼物|赠品|现金|免单|打折/;
const COMPENSATION_EN = /\bname your price\b|\b\d+x (?:the )?(?:price|refund)\b|\b(?:triple|double|\dx) (?:the )?refund\b|\b(?:compensat\w*|refund|pay you|transfer|reimburse\w*|gift card|gift|coupon|voucher|goodwill|discount|credit|cash|money|send you|make it up to you)\b/i;

const DEFECT = /质量|问题|故障|损坏|坏了|破损|不符|瑕疵|defect|faulty|fault|broken|damaged|not as described|problem|issue/i;

export interface M1Hit {
  family: 'money' | 'off_platform';
}

/**
 * M-1 in an extortion case: money or off-platform contact offered. Judged per clause, so a
 * refusal or a plea elsewhere in the sentence ("…, please don't leave a bad review") does not
 * hide the offer; refusals ("我们不能私下转账") and conditions ("if the item is faulty…") let it through.
 */
export function m1Hits(sentence: string, amounts: readonly string[]): M1Hit[] {
  const out: M1Hit[] = [];
  const clauses = sentence.split(/[,，;；]|\b(?:but|and then)\b|但是|不过/).map((c) => c.trim()).filter(Boolean);
  const negated = (c: string) => ZH_NEGATED.test(c) || EN_NEGATED.test(c) || /不在|不属于|不符合|超出|\bnot (?:part of|covered|in line)\b|\bisn't (?:part of|covered)\b/i.test(c);
  // The platform's own refund process, named as such, is the normal remedy, not a private deal.
  const platformProcess = (c: string) => /(?:通过|在|走)平台|原路(?:退回|返回|处理)|平台(?:规则|流程)|\b(?:through|via|on) the platform\b|\boriginal payment method\b/i.test(c) && !/私下|额外|另外|extra|on top|personally|privately/i.test(c);
  const conditional = (c: string) => ZH_CONDITION.test(c) || EN_CONDITION.test(c) || /经核实|核实后|确认后|once verified|after (?:we )?verif/i.test(c);
  // An off-platform channel named in a refusal ("we stay on the platform, no WeChat") is no offer: judged on the whole sentence.
  if (OFF_PLATFORM.test(sentence) && !negated(sentence) && !/不使用|不添加|不加|平台内|站内|on (?:the|this) platform|in this chat|here in (?:the|this) chat/i.test(sentence)) out.push({ family: 'off_platform' });
  // A condition on a real defect ("如果商品确有质量问题, 可以申请退货退款") governs the rest of the
  // sentence: the defect's own remedy is not giving in (M-2). A condition on the review is no such thing.
  const defectCondition = (c: string) => conditional(c) && DEFECT.test(c) && !/评|review|rating|投诉|complain/i.test(c);
  let governed = false;
  const money = clauses.some((c) => {
    governed ||= defectCondition(c);
    return !negated(c) && (amounts.some((a) => c.includes(a)) || (!conditional(c) && !governed && !platformProcess(c) && (COMPENSATION_ZH.test(c) || COMPENSATION_EN.test(c))));
  });
  if (money) out.push({ family: 'money' });
  return out;
}

/** §4: telling the customer they pay the postage. */
export const CUSTOMER_PAYS_POSTAGE: readonly RegExp[] = [
  /\b(?:shipping|postage|return shipping|return postage)\b[^.!?]{0,30}\b(?:the )?(?:buyer|customer)'?s (?:responsibility|cost|expense)|\b(?:that|this) (?:part|bit)(?:'s| is) on you\b|\bbuyers? (?:always )?pays? (?:the )?(?:return )?(?:postage|shipping)\b/i,
  /(?:运费|邮费|快递费|寄回(?:的)?费用|来回运费|退货运费|往返运费|寄件费)[^。！？]{0,8}?(?:需要|要|得|请|由)?(?:您|你|买家|顾客|客户|亲)[^。！？]{0,4}?(?:自理|自付|承担|出|付|负责|支付|自己出|垫付|垫)|(?:您|你|亲)(?:需要|要|得|自行|自己|先)?[^。！？]{0,4}?(?:承担|支付|出|付|垫付)[^。！？]{0,4}?(?:运费|邮费|快递费|寄回费用)|(?:运费|邮费|快递费)自理|(?:运费|邮费|快递费)[^。！？]{0,4}自己(?:出|付|承担|补)|(?:买家|顾客|客户)(?:需要|要|得|自行|自己)+[^。！？]{0,4}?(?:承担|支付|出|付)[^。！？]{0,4}?(?:运费|邮费|快递费)|(?:运费|邮费|快递费)[^。！？]{0,6}(?:要|需要|得|请)(?:您|你|亲)(?:自己)?补|(?:从|在)退款(?:中|里)?扣(?:除)?(?:运费|邮费)|(?:运费|邮费)[^。！？]{0,10}(?:从|在)退款(?:中|里)?扣/,
  /\b(?:you(?:'ll| will| would)?(?: need to| have to| must| would need to)?|please) (?:pay|cover|bear|handle the cost of|cover the cost of|foot) (?:for )?(?:the )?(?:return |two-way |round-trip |both-way )?(?:shipping|postage|delivery|freight|return label|courier fee)|\b(?:shipping|postage|return shipping|return postage|return label)(?: costs?| fees?)? (?:is|are|will be|would be) (?:always |still |also )?(?:on you|at your (?:own )?(?:cost|expense)|your responsibility|paid by you|the customer's responsibility|deducted)|\bat your own (?:cost|expense)\b|\b(?:shipping|postage)\b[^.!?]{0,30}\b(?:is|are|will be) (?:on you|shouldered by you|borne by you)\b|\b(?:shipping|postage)\b[^.!?]{0,20}\b(?:to be |will be |is |are )?(?:paid|shouldered|borne) by (?:you|the customer|the buyer|customer|buyer)\b|\b(?:kindly|please|you(?:'ll| will)? (?:need to|have to)) bear (?:the )?(?:return )?(?:shipping|postage)\b|\byou pay [$¥£]?\s?\d+(?:\.\d+)? (?:for )?(?:the )?(?:shipping|postage)\b|\blabel from the (?:buyer|customer)\b|\b(?:deduct|subtract)(?:ed)? (?:the )?(?:original |outbound |return )?(?:shipping|postage|return|label)[^.]{0,20}from (?:your|the) refund\b|\b(?:label|shipping|postage)(?: costs?| fees?)?[^.!?]{0,10}\b(?:will be|is|are|gets?) (?:deducted|taken out|subtracted)\b|\b(?:buyer|customer)s? (?:always )?pays? (?:for )?(?:the )?(?:return )?(?:shipping|postage)\b|\b(?:pay|cover) (?:for )?(?:the )?(?:reshipment|reshipping|replacement shipping|resend)\b|\bon your (?:own )?dime\b|\b(?:postage|shipping|return label)[^.!?]{0,25}\b(?:isn't|is not|won't be|will not be|not) (?:covered|included|paid for|refunded|reimbursed)\b|\byou(?:'re| are) responsible for (?:the )?(?:return |two-way )?(?:shipping|postage|label)|\b(?:label|postage|shipping)\b[^.!?]{0,40}\b(?:which|that) you(?:'ll| will| would)? (?:need to |have to )?(?:pay|cover)\b/i,
];
export const SELLER_PAYS = /(?:我们|卖家|商家|本店|店铺|我方)(?:来|会|将|全部|全额)?(?:承担|支付|出|付|包|负责)|由(?:我们|卖家|商家|本店|店铺|我方)|we(?:'ll| will)? (?:pay|cover)|on us|our (?:cost|expense)|free return|prepaid|free of charge|at no (?:cost|charge)|\b(?:don't|do not|won't|will not|no need to|needn't|never) (?:have to |need to )?(?:pay|cover)|不用|无需|不需要|不必|免/i;

/** §4 breach in one sentence when the policy says the seller pays return postage. */
export function customerPaysPostage(sentence: string): boolean {
  // Per clause: "寄回运费需要您出,L码我们包邮发给您" puts the return on the customer even though the reship is free.
  const clauses = sentence.split(/[,，;；]|\bbut\b|但是|不过/);
  // The customer advances the postage that the seller repays ("您先垫付的运费, 我们…退给您"): not a breach.
  if (/垫付|advance|front the|pay (?:it )?up front/i.test(sentence) && /(?:退|补|返|报销)(?:给|还)?(?:您|你)|reimburse|refund (?:it|you|the)|pay (?:you )?back/i.test(sentence)) return false;
  return clauses.some((c) => CUSTOMER_PAYS_POSTAGE.some((re) => re.test(c)) && !SELLER_PAYS.test(c));
}

export { ZH_QUESTION, ZH_NEGATED, EN_NEGATED, ZH_CONDITION, EN_CONDITION, OFF_PLATFORM };
