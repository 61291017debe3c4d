/**
 * The chat layer's replies as Discord answers one interaction: the card as the first response
 * (UpdateMessage) or an edit of the original after a deferral, forms as modals, notes as
 * ephemeral messages, the release as public pages. Edits the desk refused are kept, so the next
 * Edit starts from what the person typed.
 */
import type { Actor, ChannelRef, KeptEdit } from '../../app/desk.ts';
import { withGlyph } from '../../chat/explain-error.ts';
import { FIELDS } from '../../chat/forms.ts';
import type { Replies, Reply } from '../../chat/replies.ts';
import type { Lang } from '../../core/types.ts';
import { DISCORD_GLYPHS, type DiscordDeps } from './discord-deps.ts';
import type { InteractionSession } from './interaction-session.ts';
import { DISCORD_LIMITS } from './limits.ts';
import { renderCard } from './render-card.ts';
import { renderAnswerModal, renderEditModal, renderLifecycleModal, renderRejectModal } from './render-modals.ts';
import { renderFullMessage, renderQueue, renderRelease } from './render-pages.ts';

/**
 * `editForm`: the interaction is an Edit form's submission (a redrawn card means it was saved).
 * `filing`: a command or form that files a case in `channelId`: the public "thinking…" reply
 * becomes the card, or the explanation of what went wrong.
 * `privately`: a command answered only to the person (`/settle queue`): a private deferral.
 * `lang`: the person's Discord language, for what belongs to no case (the queue).
 */
export function discordReplies(deps: DiscordDeps, session: InteractionSession, actor: Actor, opts: { editForm?: boolean; filing?: { channelId: string }; privately?: boolean; lang?: Lang } = {}): Replies {
  const { editForm = false, filing, privately = false, lang = 'en' } = opts;
  const render: { [K in Reply['kind']]: (reply: Extract<Reply, { kind: K }>) => Promise<unknown> } = {
    card: async (r) => {
      if (editForm) await deps.desk.forgetEdit(r.view.id, actor);
      return session.answered ? session.editOriginal(renderCard(r.view)) : session.update(renderCard(r.view));
    },
    notice: (r) => (filing && session.answered ? session.editOriginal({ content: withGlyph(r, DISCORD_GLYPHS) }) : session.send({ content: withGlyph(r, DISCORD_GLYPHS) }, true)),
    'new-card': async (r) => {
      const posted = await session.editOriginal(renderCard(r.view));
      return { platform: 'discord', channelId: filing?.channelId ?? '', messageId: posted.id };
    },
    lifecycle: async (r) => {
      await (session.answered ? session.editOriginal(renderCard(r.view)) : session.update(renderCard(r.view)));
      return session.send({ content: `${DISCORD_GLYPHS.info} ${r.text}` }, true);
    },
    release: async (r) => {
      if (r.again) return session.send({ content: `${DISCORD_GLYPHS.info} ${r.text}` }, true);
      return session.sendPages(renderRelease(r.view), false);
    },
    form: async (r) => {
      switch (r.form) {
        case 'full': return session.sendPages(renderFullMessage(r.view), true);
        case 'reject': return session.showModal(renderRejectModal(r.view));
        case 'answer': return session.showModal(renderAnswerModal(r.view, r.fact!, r.question ?? r.fact!));
        case 'execute': case 'reopen': return session.showModal(renderLifecycleModal(r.view, r.form));
        case 'edit': {
          // A modal must be the first response within 3 s: one keyed read of the store.
          const form = renderEditModal(r.view, await deps.desk.keptEdit(r.view.id, actor));
          // Never offer a field that would cut the reply: say where it can be edited whole.
          return form ? session.showModal(form) : session.send({ content: tooLongForForm(r.view) }, true);
        }
      }
    },
    'form-errors': async (r) => {
      const text = `${DISCORD_GLYPHS.info} ${Object.values(r.errors).join('\n')}`;
      if (r.form !== 'edit') return session.send({ content: text }, true);
      const typed: KeptEdit = { replyText: r.fields[FIELDS.reply] ?? r.view?.draft.reply.text ?? '', amounts: {} };
      for (const [name, value] of Object.entries(r.fields)) {
        const index = /^amount_(\d+)$/.exec(name)?.[1];
        if (index !== undefined && value !== undefined) typed.amounts[Number(index)] = value;
      }
      if (r.view) await deps.desk.keepEdit(r.view.id, actor, typed);
      return session.send({ content: `${text}\nYour text is kept: press **Edit** again to continue from it.`, embeds: [{ description: typed.replyText.slice(0, 4000) || '—' }] }, true);
    },
    // Training turns belong to training conversations (training-flow.ts), never to a case card.
    'training-turn': async () => undefined,
    // The queue replaces the deferred reply (a command) or the page it was paged from (a click).
    queue: (r) => (session.answered ? session.editOriginal(renderQueue(r, lang)) : session.update(renderQueue(r, lang))),
  };
  return {
    busy: async () => {
      if (session.answered) return;
      await (filing ? session.deferReply(false) : privately ? session.deferReply(true) : session.deferUpdate());
    },
    send: (reply) => (render[reply.kind] as (r: Reply) => Promise<ChannelRef | void>)(reply),
  };
}

/** A Discord modal's text inputs under the chat layer's field names (`amount:N` → `amount_N`). */
export function formFields(values: ReadonlyMap<string, unknown>): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  for (const [id, field] of values) {
    const value = field && typeof field === 'object' && 'value' in field && typeof field.value === 'string' ? field.value : undefined;
    const index = /^amount:(\d+)$/.exec(id)?.[1];
    fields[index !== undefined ? FIELDS.amount(Number(index)) : id] = value;
  }
  return fields;
}

/** Why a reply cannot be edited in a Discord form, and where it can. */
export function tooLongForForm(view: { id: string; draft: { reply: { text: string; lang: string } } }): string {
  const n = view.draft.reply.text.length;
  return view.draft.reply.lang === 'zh'
    ? `ℹ️ 回复有 ${n} 个字符,超过 Discord 表单的 ${DISCORD_LIMITS.inputValue} 字符上限;请在 Slack 或控制台修改(/edit ${view.id} reply …)。未做任何更改。`
    : `ℹ️ The reply is ${n} characters, more than a Discord form holds (${DISCORD_LIMITS.inputValue}); edit it in Slack or the console (/edit ${view.id} reply …). Nothing was changed.`;
}
