/**
 * The follow-up (POLICY.md §6: within 24 hours of the fix, "solved? satisfied?") and the one
 * review-update request T-4 allows: polite, only once the problem is solved, never with value
 * attached and never pressing (001 5.3.3 step 4). Texts for the customer, in their language;
 * they go out only through approval and the outbox, like any reply.
 */
import type { Lang } from '../types.ts';
import type { FollowUpAnswer } from '../workflow/lifecycle.ts';

export const FOLLOW_UP_TEXT: Record<Lang, string> = {
  zh: '亲,您好!之前的问题现在解决了吗?您对我们的处理还满意吗?如果还有任何不方便的地方,随时告诉我们,我们会继续跟进。',
  en: 'Hello again! Is the problem solved now, and are you satisfied with how we handled it? If anything is still not right, just tell us and we will keep at it.',
};

const REVIEW_UPDATE_TEXT: Record<Lang, string> = {
  zh: '很高兴问题已经解决。如果您愿意,可以根据这次的处理情况更新一下评价;不方便也完全没关系,感谢您的耐心。',
  en: 'We are glad the problem is solved. If you would like to, you are welcome to update your review to reflect how it was handled; no pressure at all, and thank you for your patience.',
};

/** The review-update request (T-4): offered only when the customer said the problem is solved. */
export function reviewUpdateRequest(answer: FollowUpAnswer | undefined, lang: Lang): string | undefined {
  return answer?.solved && !answer.unreachable ? REVIEW_UPDATE_TEXT[lang] : undefined;
}
