/**
 * Recognise text that talks to the model instead of the store: "ignore previous instructions",
 * 系统提示, role-play set-ups, fake JSON verdicts, prompt-leak requests, hidden characters.
 *
 * This is the second layer, not the first: offers come from the policy whatever the model says,
 * and every model answer is verified. But a message that tries to instruct the model is one the
 * model must not classify, so the assist steps aside and a human sees the markers.
 */
import { revealTagCharacters, sanitizeCustomerText } from './sanitize.ts';

interface Marker {
  id: string;
  re: RegExp;
}

const MARKERS: Marker[] = [
  { id: 'ignore_instructions', re: /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|rules?|prompts?|guidelines|polic(y|ies)|constraints)\b/i },
  { id: 'ignore_instructions', re: /(忽略|无视|忘记|忘掉|跳过|覆盖|不要理会|不用管).{0,12}(指令|指示|规则|提示|设定|要求|限制|政策)/ },
  { id: 'system_prompt', re: /\b(system|developer|admin(istrator)?)\s*(prompt|message|instruction|override|mode|note)\b/i },
  { id: 'system_prompt', re: /(系统|开发者|管理员|后台)\s*(提示|指令|模式|命令)/ },
  { id: 'prompt_leak', re: /\b(reveal|print|show|repeat|output|tell me|what (is|are)|display|dump)\b.{0,30}\b(your|the)\b.{0,20}\b(prompt|instructions|system message|rules you)\b/i },
  { id: 'prompt_leak', re: /(输出|打印|显示|告诉我|重复|泄露|发给我|说出).{0,12}(提示词|系统提示|指令|设定|prompt)/i },
  { id: 'prompt_leak', re: /提示词/ },
  { id: 'prompt_leak', re: /\b(translate|summari[sz]e|rewrite|encode|paraphrase)\b.{0,30}\b(your|the|these|those)\b.{0,12}\b(instructions|prompt|rules|guidelines)\b|\b(instructions|prompt|text|rules) (above|before this)\b/i },
  { id: 'prompt_leak', re: /(翻译|总结|复述|概括).{0,10}(你的|上面的|以上的)?(指令|提示|规则|设定)/ },
  { id: 'role_play', re: /\b(you are now|from now on,? you|act as|pretend (to be|you are)|role-?play|jailbreak|DAN\b|developer mode|do anything now)/i },
  { id: 'role_play', re: /(你现在是|从现在(开始|起)你|扮演|假装你是|角色扮演|越狱|开发者模式|你的新身份)/ },
  { id: 'role_marker', re: /^\s*[#>*\s]*(system|assistant|developer|tool)\s*[:：]/im },
  { id: 'role_marker', re: /^\s*[#>*\s]*(系统|助手|开发者)\s*[:：]/m },
  { id: 'new_instructions', re: /\b(new|updated|real|actual) (instructions?|task|rules?)\b/i },
  { id: 'new_instructions', re: /(新的?|真正的|最新)(指令|任务|规则)/ },
  { id: 'fake_json', re: /[{,]\s*["'“”]?(category|subtype|confidence|amount(Minor)?|offers?|refund|kind|approval|escalate|decidedBy|reply)["'“”]?\s*[:：]/i },
  { id: 'markup', re: /<\s*\/?\s*(system|customer_message|template_reply|instructions?|assistant|offers|scenario|im_start|im_end)\b/i },
  { id: 'markup', re: /<\|?(im_start|im_end|endoftext|system)\|?>|\[\/?(INST|SYS)\]/i },
];

export interface InjectionReport {
  suspicious: boolean;
  /** Ids of what was seen, for the audit log and the human reviewer. */
  markers: string[];
}

/** Scan a customer's raw text (hidden characters included) for attempts to instruct the model. */
export function detectInjection(raw: string): InjectionReport {
  const found = new Set<string>();
  const s = sanitizeCustomerText(raw, Number.MAX_SAFE_INTEGER);
  if (s.removed.tags > 0 || s.removed.variation > 2) found.add('hidden_payload');
  // A zero-width or bidi character is sometimes pasted by accident; several are not.
  if (s.removed.invisible + s.removed.bidi >= 3) found.add('hidden_characters');
  // Look at the visible text, the text with look-alikes folded (ｉｇｎｏｒｅ → ignore), and whatever
  // the tag characters spelled out.
  const views = [s.text, raw.normalize('NFKC'), stripForScan(raw).normalize('NFKC'), revealTagCharacters(raw)];
  for (const view of views) {
    for (const m of MARKERS) if (m.re.test(view)) found.add(m.id);
  }
  return { suspicious: found.size > 0, markers: [...found].sort() };
}

/** Join letters split by zero-width characters or spaces-per-letter ("i g n o r e"). */
function stripForScan(raw: string): string {
  const hiddenGone = raw.replace(/[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u202A-\u202E\u2066-\u2069]/g, '');
  return hiddenGone.replace(/\b(?:[A-Za-z] ){3,}[A-Za-z]\b/g, (m) => m.replace(/ /g, ''));
}
