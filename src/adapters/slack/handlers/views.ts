/**
 * Modal submissions, translated: the form's blocks become a chat-layer form event (src/chat
 * parses and acts); its replies become the ack. Bad input and the desk's refusals (an edit over
 * the caps, a stale revision) are answered with `response_action: 'errors'`, so the modal stays
 * open with the person's input intact; a success closes it and redraws the card.
 */
import type { App, ViewOutput, ViewSubmitAction, webApi } from '@slack/bolt';
import type { Lang } from '../../../core/types.ts';
import { onFormSubmit } from '../../../chat/case-flow.ts';
import type { FormName } from '../../../chat/events.ts';
import { FALLBACK_FIELD, FIELDS, parseFacts } from '../../../chat/forms.ts';
import type { Replies } from '../../../chat/replies.ts';
import { decodeAction } from '../../shared/action-id.ts';
import { CALLBACK, decodeMeta } from '../blocks/modals.ts';
import { refreshCard } from '../card-updates.ts';
import { fileCase } from '../file-case.ts';
import { chatOf, explainError, SLACK_GLYPHS, whoOf, type SlackDeps } from '../slack-deps.ts';

export { errorsFor, parseFacts } from '../../../chat/forms.ts';

type Errors = Record<string, string>;
type Ack = (response?: { response_action: 'errors'; errors: Errors }) => Promise<void>;

export function registerViews(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(CALLBACK.newCase, async ({ ack, body, view, client }) => {
    const meta = decodeMeta(view.private_metadata);
    const fields = fieldsOf(view);
    const parsed = parseFacts(fields[FIELDS.facts] ?? '');
    if ('error' in parsed) return ack({ response_action: 'errors', errors: { facts: parsed.error } });
    await ack();
    deps.work.background(async () => {
      const channel = meta.channelId ?? body.user.id;
      const whisper = (text: string) => client.chat.postEphemeral({ channel, user: body.user.id, text }).catch(() => client.chat.postMessage({ channel: body.user.id, text }));
      const lang = fields[FIELDS.lang];
      await fileCase(
        deps,
        client,
        { person: await whoOf(deps, body.user, meta.channelId), message: fields[FIELDS.message] ?? '', orderId: fields[FIELDS.order] || undefined, lang: lang === 'zh' || lang === 'en' ? (lang as Lang) : undefined, facts: parsed.facts, originChannel: channel, deliveryId: `v:${body.view.id}` },
        whisper,
      );
    });
  });
  for (const form of ['edit', 'reject', 'answer', 'execute', 'reopen'] as const) {
    app.view<ViewSubmitAction>(CALLBACK[form], ({ ack, body, view, client }) => submitCaseForm(deps, client, ack, body.user, view, form));
  }
}

/** A case modal: decode, hand to the chat layer before acking (so its refusals show in the modal), then redraw the card. */
async function submitCaseForm(deps: SlackDeps, client: webApi.WebClient, ack: Ack, user: { id: string; name?: string }, view: ViewOutput, form: FormName): Promise<void> {
  const meta = decodeMeta(view.private_metadata);
  // Errors must name a block the modal has; fall back to its first input.
  const blocks = Object.keys(view.state.values);
  const fallback = blocks.includes(FALLBACK_FIELD[form]) ? FALLBACK_FIELD[form] : (blocks[0] ?? FALLBACK_FIELD[form]);
  const ref = meta.ref ? decodeAction(meta.ref) : null;
  if (!ref) return ack({ response_action: 'errors', errors: { [fallback]: 'This form is out of date; open it again from the card.' } });
  let acked = false;
  const answer = async (errors?: Errors) => {
    if (acked) return;
    acked = true;
    await (errors ? ack({ response_action: 'errors', errors }) : ack());
  };
  const replies: Replies = {
    send: async (reply) => {
      if (reply.kind === 'form-errors') {
        const errors: Errors = {};
        for (const [field, text] of Object.entries(reply.errors)) {
          const block = blocks.includes(field) ? field : fallback;
          errors[block] = [errors[block], text].filter(Boolean).join(' ');
        }
        return answer(errors);
      }
      if (reply.kind === 'notice') return answer({ [fallback]: reply.text });
      if (reply.kind === 'card' || reply.kind === 'lifecycle') {
        await answer();
        await refreshCard(deps, client, reply.view, meta).catch((e: unknown) => explainError(deps, e, { caseId: ref.caseId, step: 'redraw' }));
      }
      // A lifecycle move made from its form: what was done, said privately where the card is.
      if (reply.kind === 'lifecycle' && meta.channelId) await client.chat.postEphemeral({ channel: meta.channelId, user: user.id, text: `${SLACK_GLYPHS.info} ${reply.text}` });
    },
  };
  await onFormSubmit(chatOf(deps), { kind: 'form', person: await whoOf(deps, user, meta.channelId), form, ref, fields: fieldsOf(view) }, replies);
  await answer();
}

/** The modal's inputs by block id (= the chat layer's field names); absent blocks stay absent. */
function fieldsOf(view: ViewOutput): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  for (const [block, inputs] of Object.entries(view.state.values)) {
    const input = inputs.value;
    if (input) fields[block] = input.selected_option?.value ?? input.value ?? '';
  }
  return fields;
}
