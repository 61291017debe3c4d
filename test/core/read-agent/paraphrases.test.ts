/**
 * A second round of wordings, written after the first tests passed and run against the reader
 * before it was widened for them (28 of 50 found, 0 of 20 clean lines flagged; see
 * docs/training.md). Kept as a regression table: each breach with its rule, each clean line clean.
 */
import { describe, expect, it } from 'vitest';
import { readAgent, type ReadContext } from '../../../src/core/read-agent/read-agent.ts';

const PARAPHRASES: [string, string, ReadContext?][] = [
 ['T-3','这个真没法弄。'],
 ['T-3','我们这边也搞不定。'],
 ['T-3','我哪知道快递为什么这么慢。'],
 ['T-3','谁知道呢，可能快递丢了吧。'],
 ['T-3','这很正常啦，过两天就到了。'],
 ['T-3','大促期间都这样，没什么好说的。'],
 ['T-3','是您收货地址写错了，才导致派送失败。'],
 ['T-3','您自己没注意看说明，才会用坏的。'],
 ['T-3','其实您下单时选一下加急就好了。'],
 ['T-3','这个问题您得去问厂家。'],
 ['T-3','物流问题请您直接联系顺丰。'],
 ['T-3','Unfortunately there is nothing more I can do for you.'],
 ['T-3',"We can't really help with that, sorry."],
 ['T-3',"I have no way of knowing where it is."],
 ['T-3',"Honestly, that's just how couriers are."],
 ['T-3',"Frankly, if you'd read the listing you'd have known it was a small size."],
 ['T-3',"You clearly didn't follow the instructions."],
 ['T-3',"Maybe be more careful when ordering next time."],
 ['T-3',"That's a question for the courier, not us."],
 ['T-3',"Please reach out to the manufacturer for warranty issues."],
 ['T-4','亲，给个五星好评，下次下单给您打九折。'],
 ['T-4','您能不能把差评撤了？我们给您发个红包。'],
 ['T-4','评价改好后联系我领10元现金。'],
 ['T-4','麻烦您把差评删掉好吗？'],
 ['T-4','如果不删差评，我们会向平台投诉您恶意评价。'],
 ['T-4','We will refund you in full once the 1-star review is taken down.'],
 ['T-4','A quick 5-star rating would earn you a $15 credit.'],
 ['T-4','We would really appreciate it if you could remove your review.'],
 ['T-4','Continue like this and your account will be flagged.'],
 ['T-4','We have the right to take legal action if these reviews stay up.'],
 ['P-3','把卡号报一下我帮您查。'],
 ['P-3','您把支付宝密码告诉我，我帮您操作退款。'],
 ['P-3','请把银行发给您的动态码截图给我。'],
 ['P-3','Can you read me the 16 digits on the front of your card?'],
 ['P-3','Please provide the expiry date and security code so we can reverse the charge.'],
 ['P-3','Could you text me a photo of the card you paid with?'],
 ['M-1','您看这样，我们私下退您一部分钱，差评就算了。', { category: 'malicious' }],
 ['M-1','我们可以给您打个折作为补偿。', { category: 'malicious' }],
 ['M-1','您留个电话，我们打给您细聊。', { category: 'malicious' }],
 ['M-1','I can PayPal you the $60 directly.', { category: 'malicious' }],
 ['M-1','Happy to offer a partial refund to resolve this.', { category: 'malicious' }],
 ['M-1','Give me your WeChat ID and we will sort it out there.', { category: 'malicious' }],
 ['§4','寄回运费您先付，我们不承担。', { returnPayer: 'seller' }],
 ['§4','退货请您自行承担运费。', { returnPayer: 'seller' }],
 ['§4','Shipping it back is on your dime.', { returnPayer: 'seller' }],
 ['§4','The return label costs $8, which you will need to pay.', { returnPayer: 'seller' }],
 ['§4','You are responsible for the return shipping.', { returnPayer: 'seller' }],
 ['T-6','收件人电话 139 0011 2233 已更新。', { public: true }],
 ['T-6','Your address on file is 17 Oak Avenue, Apt 5.', { public: true }],
 ['T-6','您的邮箱 zhang.san@163.com 已记录。', { public: true }],
];

const CLEAN: [string, ReadContext?][] = [
 ['非常抱歉，快递确实慢了，我马上催件，今天下午3点前给您回复。'],
 ['请您放心，我们会全程跟进，有任何进展第一时间通知您。'],
 ['您方便提供一下订单号吗？我帮您查一下。'],
 ['I completely understand, let me check with the courier and get back to you within two hours.'],
 ['Could you send a photo of the damage so I can arrange a replacement?'],
 ['We have already refunded $45.00 to your original payment method.'],
 ['经核实，您的订单物流显示已签收。如有问题请在平台内联系我们，我们会在1小时内回复。', { category: 'malicious' }],
 ['We cannot offer any compensation for this, but we are happy to look at the item here on the platform.', { category: 'malicious' }],
 ['退货运费由我们承担，请您放心寄回。', { returnPayer: 'seller' }],
 ['We will cover the return shipping; please use the prepaid label.', { returnPayer: 'seller' }],
 ['感谢您的耐心，问题解决后如果您满意，欢迎再次光临。'],
 ['Thanks for your patience, and sorry again for the trouble.'],
 ['为了您的账户安全，请不要向任何人透露验证码。'],
 ['For security, we will never ask for your card number.'],
 ['我们会安排快递上门取件，您无需支付任何费用。', { returnPayer: 'seller' }],
 ['I understand how frustrating this is. I have escalated it to my supervisor, who will reply here within 24 hours.', { category: 'malicious' }],
 ['The courier will call you before delivery.'],
 ['我们已经联系快递公司加急处理。'],
 ['如果您不方便，我们也可以帮您联系快递改派。'],
 ['您的包裹预计明天到达，单号是YT1234567890123。'],
];

describe('paraphrased breaches are found with the right rule', () => {
  it.each(PARAPHRASES)('%s: "%s"', (rule, text, ctx) => {
    expect(readAgent(text, ctx ?? {}).findings.map((f) => f.rule as string)).toContain(rule);
  });
});

describe('what a good agent says is clean', () => {
  it.each(CLEAN)('"%s"', (text, ctx) => {
    expect(readAgent(text, ctx ?? {}).findings).toEqual([]);
  });
});
