/**
 * The two places policy still reads the customer's words, because the classifier's output has no
 * field for them (its `signals` carry no safety cue, and a short "can you fix it?" reads as `other`).
 * Everything else is routed from the classification, the order and the agent's facts (route.ts).
 * Both are backstops the agent's facts override: `safetyIncident: false` silences the first, a
 * `misuse` or `customerInsistsReturn` fact (or any concrete subtype but a quality complaint) the
 * second. A classifier `safety` signal, when one exists, is read before these words.
 */

/** A health or safety incident in words: a skin reaction, a burn, smoke, fire, a melted charger, an injury. */
const SAFETY_INCIDENT = /过敏|起疹|红疹|疹子|烫伤|烧伤|灼伤|冒烟|起火|着火|自燃|融化|熔化|烧焦|爆炸|受伤|流血|划伤|\brash\b|allergic|skin reaction|\bburn(?:ed|t|s)?\b|\bsmok(?:e|ed|ing)\b|caught fire|on fire|\bmelt(?:ed|ing)?\b|explod|\binjur|\bbleed/i;

/** Does the message report a health or safety incident (POLICY.md Q-2 with the safety setting)? */
export function reportsSafetyIncident(message: string): boolean {
  return SAFETY_INCIDENT.test(message);
}

/** A request for a repair (维修, 返修, "get it fixed"): Q-5, not a refund case (001 5.2.4). */
const REPAIR_REQUEST = /维修|保修|返修|修理|修一下|修好|修修|帮我修|能修|\brepair|\bfix(?:ed)? it\b|\bget it fixed\b|\bhave it fixed\b/i;

/** Does the message ask for a repair rather than a refund or a return? */
export function asksForRepair(message: string): boolean {
  return REPAIR_REQUEST.test(message);
}
