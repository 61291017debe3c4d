/**
 * Checks a REST request body the way Discord would: against the published OpenAPI schema
 * (`discord-api-spec`, strict) for the route, plus the rules the schema cannot express
 * (embed total length, unique custom ids, no empty message). Returns the problems; none = valid.
 */
import type { SpecSchema, StrictSpec } from './strict-schemas.ts';

/** Route templates (as in the spec's paths) to the schema names of their request bodies. */
const BODY_SCHEMAS: Record<string, string[]> = {
  'PUT /applications/{application_id}/commands': ['array:ApplicationCommandUpdateRequestSchema'],
  'PUT /applications/{application_id}/guilds/{guild_id}/commands': ['array:ApplicationCommandUpdateRequestSchema'],
  'POST /channels/{channel_id}/messages': ['MessageCreateRequestSchema'],
  'PATCH /channels/{channel_id}/messages/{message_id}': ['MessageEditRequestPartialSchema'],
  'POST /webhooks/{webhook_id}/{webhook_token}': ['IncomingWebhookRequestPartialSchema', 'IncomingWebhookUpdateRequestPartialSchema'],
  'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original': ['IncomingWebhookUpdateRequestPartialSchema'],
  'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}': ['IncomingWebhookUpdateRequestPartialSchema'],
};

/** Interaction callback bodies by `type` (Discord's InteractionCallbackType). */
const CALLBACK_SCHEMAS: Record<number, string> = {
  1: 'PongInteractionCallbackRequestSchema',
  4: 'CreateMessageInteractionCallbackRequestSchema',
  5: 'CreateMessageInteractionCallbackRequestSchema',
  6: 'UpdateMessageInteractionCallbackRequestSchema',
  7: 'UpdateMessageInteractionCallbackRequestSchema',
  8: 'ApplicationCommandAutocompleteCallbackRequestSchema',
  9: 'ModalInteractionCallbackRequestSchema',
  12: 'LaunchActivityInteractionCallbackRequestSchema',
};

export const CALLBACK_ROUTE = 'POST /interactions/{interaction_id}/{interaction_token}/callback';

/** Validates one body; `routeKey` is `METHOD /template`. Routes without a body schema accept none. */
export function validateBody(spec: StrictSpec, routeKey: string, body: unknown): string[] {
  if (routeKey === CALLBACK_ROUTE) {
    const type = (body as { type?: unknown } | null)?.type;
    const name = typeof type === 'number' ? CALLBACK_SCHEMAS[type] : undefined;
    if (!name) return [`type: not an interaction callback type (${String(type)})`];
    return [...checkSchema(spec, name, body), ...checkMessageRules((body as { data?: unknown }).data, type === 4 || type === 7)];
  }
  const names = BODY_SCHEMAS[routeKey];
  if (!names) return body === undefined ? [] : [`${routeKey} takes no JSON body`];
  const results = names.map((n) => checkSchema(spec, n, body));
  const schemaProblems = results.find((r) => r.length === 0) ?? results[0] ?? [];
  const creates = routeKey.startsWith('POST /channels') || routeKey === 'POST /webhooks/{webhook_id}/{webhook_token}';
  return [...schemaProblems, ...(routeKey.includes('/commands') ? [] : checkMessageRules(body, creates))];
}

function checkSchema(spec: StrictSpec, name: string, body: unknown): string[] {
  const isArray = name.startsWith('array:');
  const schema: SpecSchema | undefined = spec[isArray ? name.slice(6) : name];
  if (!schema) throw new Error(`discord-api-spec has no ${name}`);
  if (isArray) {
    if (!Array.isArray(body)) return ['body: expected an array'];
    return body.flatMap((item, i) => issues(schema, item, `${i}.`));
  }
  return issues(schema, body, '');
}

/** Prefix of problems only the strict schema sees: Discord itself ignores unknown keys. */
export const UNKNOWN_KEY = 'unknown key';

interface ZodIssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: ZodIssueLike[][];
}

function issues(schema: SpecSchema, value: unknown, prefix: string): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return (result.error.issues as ZodIssueLike[]).flatMap((i) => describe(i, prefix));
}

/** Flattens zod issues; for a union, reports the branch that came closest to matching. */
function describe(issue: ZodIssueLike, prefix: string): string[] {
  const where = `${prefix}${issue.path.map(String).join('.')}`;
  if (issue.code === 'invalid_union' && issue.errors?.length) {
    const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
    return closest.flatMap((i) => describe(i, where ? `${where}.` : ''));
  }
  if (issue.code === 'unrecognized_keys') return [`${UNKNOWN_KEY} at ${where || '(root)'}: ${(issue.keys ?? []).join(', ')}`];
  return [`${where || '(root)'}: ${issue.message}`];
}

interface EmbedLike {
  title?: string; description?: string; fields?: { name?: string; value?: string }[];
  footer?: { text?: string }; author?: { name?: string };
}

/** Discord's rules beyond the schema: embeds ≤ 6 000 characters in total, custom ids unique, no empty message. */
function checkMessageRules(data: unknown, mustHaveContent: boolean): string[] {
  if (!data || typeof data !== 'object') return [];
  const problems: string[] = [];
  const d = data as { content?: string; embeds?: EmbedLike[]; components?: unknown[]; flags?: number };
  const total = (d.embeds ?? []).reduce((sum, e) => sum + embedLength(e), 0);
  if (total > 6000) problems.push(`embeds: Embed size exceeds maximum size of 6000 (${total})`);
  const ids = collectCustomIds(d.components ?? []);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) problems.push(`components: Component custom id cannot be duplicated (${dup})`);
  // The spec allows 4 000; Discord refuses more than 2 000 characters from a bot without Nitro.
  if ((d.content?.length ?? 0) > 2000) problems.push(`content: Must be 2000 or fewer in length (${d.content?.length})`);
  const empty = !d.content && !(d.embeds?.length) && !(d.components?.length);
  if (mustHaveContent && empty) problems.push('Cannot send an empty message');
  return problems;
}

function embedLength(e: EmbedLike): number {
  const fields = (e.fields ?? []).reduce((n, f) => n + (f.name?.length ?? 0) + (f.value?.length ?? 0), 0);
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + fields + (e.footer?.text?.length ?? 0) + (e.author?.name?.length ?? 0);
}

/** Every custom_id in a component tree (action rows, buttons, labels, text inputs). */
export function collectCustomIds(components: unknown[]): string[] {
  const out: string[] = [];
  const walk = (c: unknown): void => {
    if (!c || typeof c !== 'object') return;
    const o = c as { custom_id?: string; components?: unknown[]; component?: unknown };
    if (typeof o.custom_id === 'string') out.push(o.custom_id);
    o.components?.forEach(walk);
    if (o.component) walk(o.component);
  };
  components.forEach(walk);
  return out;
}
