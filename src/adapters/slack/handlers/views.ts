/**
 * Modal submissions. Validation errors are answered with `response_action: 'errors'` so the
 * modal stays open with the person's input intact (nothing lost); the desk's own refusals — an
 * edit over the caps, a stale revision — are shown the same way.
 */
import type { App, ViewOutput, ViewSubmitAction, webApi } from '@slack/bolt';
import type { Actor, CaseView } from '../../../app/desk.ts';
import { isUserError, UserError } from '../../../core/errors.ts';
import { parseAmount } from '../../../core/parse-amount.ts';
import { FACT_KEYS, type FactKey, type Lang } from '../../../core/types.ts';
import { decodeAction, type ActionRef, type CardAction } from '../../shared/action-id.ts';
import { CARD_ACCESS } from '../../../app/access.ts';
import { amountFieldName } from '../../shared/amount-field.ts';
import { parseFactValue } from '../../shared/fact-inputs.ts';
import { CALLBACK, decodeMeta, type ModalMeta } from '../blocks/modals.ts';
import { refreshCard } from '../card-updates.ts';
import { fileCase } from '../file-case.ts';
import { checkAccess, explainError, whoOf, type SlackDeps } from '../slack-deps.ts';

type Errors = Record<string, string>;
type Ack = (response?: { response_action: 'errors'; errors: Errors }) => Promise<void>;

export function registerViews(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(CALLBACK.newCase, async ({ ack, body, view, client }) => {
    const meta = decodeMeta(view.private_metadata);
    const message = textValue(view, 'message');
    const lang = selectValue(view, 'lang');
    const parsed = parseFacts(textValue(view, 'facts'));
    if ('error' in parsed) return ack({ response_action: 'errors', errors: { facts: parsed.error } });
    await ack();
    deps.work.background(async () => {
      const channel = meta.channelId ?? body.user.id;
      const whisper = (text: string) => client.chat.postEphemeral({ channel, user: body.user.id, text }).catch(() => client.chat.postMessage({ channel: body.user.id, text }));
      const subject = await whoOf(deps, body.user, meta.channelId);
      const access = await checkAccess(deps, 'file', subject);
      if (!access.ok) return void (await whisper(`:no_entry: ${access.reason}. Nothing was filed.`));
      const { actor } = subject;
      await fileCase(
        deps,
        client,
        { actor, message, orderId: textValue(view, 'order') || undefined, lang: lang === 'zh' || lang === 'en' ? (lang as Lang) : undefined, facts: parsed.facts, originChannel: channel },
        whisper,
      );
    });
  });

  app.view<ViewSubmitAction>(CALLBACK.edit, async ({ ack, body, view, client }) => {
    await withCase(deps, client, ack, body.user, view, 'edit', 'reply', async (actor, current, ref) => {
      const amounts: { index: number; amountMinor: number }[] = [];
      const errors: Errors = {};
      current.draft.offers.forEach((offer, index) => {
        if (offer.amountMinor === null) return;
        try {
          amounts.push({ index, amountMinor: parseAmount(textValue(view, `amount_${index}`), offer.currency, amountFieldName(offer, index)) });
        } catch (error) {
          if (!isUserError(error)) throw error;
          errors[`amount_${index}`] = error.message;
        }
      });
      // No reply field when the reply is too long for Slack's text input (see buildEditModal).
      const replyText = view.state.values.reply ? textValue(view, 'reply') : undefined;
      if (replyText !== undefined && replyText.trim() === '') errors.reply = 'The reply cannot be empty.';
      if (Object.keys(errors).length > 0) return { errors };
      return { view: await deps.desk.edit(current.id, actor, { ...(replyText !== undefined ? { replyText } : {}), amounts }, ref.revision) };
    });
  });

  app.view<ViewSubmitAction>(CALLBACK.reject, async ({ ack, body, view, client }) => {
    await withCase(deps, client, ack, body.user, view, 'reject', 'reason', async (actor, current, ref) => {
      const reason = textValue(view, 'reason').trim();
      if (reason === '') return { errors: { reason: 'Say why, so the agent knows what to change.' } };
      return { view: await deps.desk.reject(current.id, actor, reason, ref.revision) };
    });
  });

  app.view<ViewSubmitAction>(CALLBACK.answer, async ({ ack, body, view, client }) => {
    await withCase(deps, client, ack, body.user, view, 'answer', 'value', async (actor, current, ref) => {
      if (!ref.fact) return { errors: { value: 'This question is no longer open.' } };
      const value = parseFactValue(ref.fact, textValue(view, 'value'));
      return { view: await deps.desk.answer(current.id, actor, ref.fact, value, ref.revision) };
    });
  });
}

type Outcome = { view: CaseView } | { errors: Errors };

/**
 * The shared shape of a case modal: decode, authorise at submit time, run the desk call before
 * acking so its refusals can be shown in the modal, then redraw the card.
 */
async function withCase(
  deps: SlackDeps,
  client: webApi.WebClient,
  ack: Ack,
  user: { id: string; name?: string },
  view: ViewOutput,
  action: CardAction,
  errorBlock: string,
  run: (actor: Actor, current: CaseView, ref: ActionRef) => Promise<Outcome>,
): Promise<void> {
  const meta: ModalMeta = decodeMeta(view.private_metadata);
  // Errors must name a block the modal has; fall back to its first input.
  if (!view.state.values[errorBlock]) errorBlock = Object.keys(view.state.values)[0] ?? errorBlock;
  const ref = meta.ref ? decodeAction(meta.ref) : null;
  if (!ref) return ack({ response_action: 'errors', errors: { [errorBlock]: 'This form is out of date; open it again from the card.' } });
  let outcome: Outcome;
  try {
    const subject = await whoOf(deps, user, meta.channelId);
    const current = await deps.desk.get(ref.caseId);
    const allowed = await checkAccess(deps, CARD_ACCESS[action], subject, current);
    if (!allowed.ok) return ack({ response_action: 'errors', errors: { [errorBlock]: allowed.reason } });
    outcome = await run(subject.actor, current, ref);
  } catch (error) {
    if (!isUserError(error)) deps.logger.error({ err: error, caseId: ref.caseId, step: action }, 'slack modal failed');
    return ack({ response_action: 'errors', errors: errorsFor(error, errorBlock) });
  }
  if ('errors' in outcome) return ack({ response_action: 'errors', errors: outcome.errors });
  await ack();
  await refreshCard(deps, client, outcome.view, meta).catch((e: unknown) => explainError(deps, e, { caseId: ref.caseId, step: 'redraw' }));
}

/** A desk refusal as modal errors: cap violations beside their amount, the rest on `fallback`. */
export function errorsFor(error: unknown, fallback: string): Errors {
  if (!(error instanceof UserError)) return { [fallback]: 'Sorry, something went wrong. It has been logged; please try again.' };
  const violations = error.details?.breaches ?? error.details?.violations;
  if (error.code === 'over_cap' && Array.isArray(violations) && violations.length > 0) {
    const errors: Errors = {};
    for (const v of violations as { offerIndex?: number; message?: string; rule?: string }[]) {
      const key = typeof v.offerIndex === 'number' ? `amount_${v.offerIndex}` : fallback;
      errors[key] = [errors[key], `${v.message ?? error.message}${v.rule ? ` (${v.rule})` : ''}`].filter(Boolean).join(' ');
    }
    return errors;
  }
  return { [fallback]: error.message };
}

function textValue(view: ViewOutput, blockId: string): string {
  const v = view.state.values[blockId]?.value;
  return v?.value ?? '';
}

function selectValue(view: ViewOutput, blockId: string): string | undefined {
  return view.state.values[blockId]?.value?.selected_option?.value;
}

/** `name: value` lines into contract facts; the first bad line is reported. */
export function parseFacts(text: string): { facts: Partial<Record<FactKey, boolean | number | string>> } | { error: string } {
  const facts: Partial<Record<FactKey, boolean | number | string>> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]+)\s*[:=]\s*(.+)$/.exec(line);
    const key = m?.[1] as FactKey | undefined;
    if (!m || !key || !(FACT_KEYS as readonly string[]).includes(key)) return { error: `Unknown fact line "${line.slice(0, 60)}". Known facts: ${FACT_KEYS.join(', ')}.` };
    try {
      facts[key] = parseFactValue(key, m[2] ?? '');
    } catch (error) {
      return { error: isUserError(error) ? error.message : String(error) };
    }
  }
  return { facts };
}
