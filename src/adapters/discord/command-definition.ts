/**
 * The `/settle` slash command as registered with Discord (`settle discord register`), built
 * with discord.js's SlashCommandBuilder. Guild-only: cases belong to a store's server.
 */
import { InteractionContextType, SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';

/** Longer complaints go through the modal (multi-line, up to 4 000 characters). */
export const MESSAGE_OPTION_MAX = 1_000;

export function buildSettleCommand(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return new SlashCommandBuilder()
    .setName('settle')
    .setDescription('Settle after-sales disputes: draft a reply by policy, approve by a human')
    .setDescriptionLocalizations({ 'zh-CN': '处理售后纠纷:按政策起草回复,人工批准后发出' })
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName('case')
        .setDescription('File a customer complaint (leave message empty for a form)')
        .setDescriptionLocalizations({ 'zh-CN': '提交客户投诉(不填 message 则打开表单)' })
        .addStringOption((o) => o.setName('message').setDescription('The customer\'s words').setMaxLength(MESSAGE_OPTION_MAX))
        .addStringOption((o) => o.setName('order').setDescription('Order id').setMaxLength(64))
        .addStringOption((o) =>
          o.setName('lang').setDescription('Reply language (default: the customer\'s)').addChoices({ name: '中文', value: 'zh' }, { name: 'English', value: 'en' }),
        ),
    )
    .addSubcommand((s) => s.setName('queue').setDescription('Open cases, oldest first, with their age').setDescriptionLocalizations({ 'zh-CN': '待处理案件' }))
    .addSubcommand((s) => s.setName('help').setDescription('How Settle works here').setDescriptionLocalizations({ 'zh-CN': '使用说明' }))
    .addSubcommand((s) =>
      s
        .setName('train')
        .setDescription('Role-play training: Settle plays the customer and scores you')
        .setDescriptionLocalizations({ 'zh-CN': '角色扮演培训:Settle 扮演客户并为你评分' })
        .addStringOption((o) => o.setName('scenario').setDescription('Scenario id (see /settle help; default: one you have not played)').setMaxLength(64))
        .addStringOption((o) => o.setName('lang').setDescription('Scenario language').addChoices({ name: '中文', value: 'zh' }, { name: 'English', value: 'en' }))
        .addBooleanOption((o) => o.setName('swap').setDescription('Role swap: you play the customer, Settle the agent')),
    )
    .addSubcommand((s) =>
      s
        .setName('review')
        .setDescription('A negative review: rating and text (or a form), or a case and its next step')
        .setDescriptionLocalizations({ 'zh-CN': '差评处理:评分和内容(或表单),或案件与下一步' })
        .addStringOption((o) => o.setName('rating').setDescription('Stars').addChoices(...['1', '2', '3', '4', '5'].map((n) => ({ name: `${n} ★`, value: n }))))
        .addStringOption((o) => o.setName('text').setDescription('The review\'s words (empty: a form)').setMaxLength(MESSAGE_OPTION_MAX))
        .addStringOption((o) => o.setName('order').setDescription('Order id').setMaxLength(64))
        .addStringOption((o) => o.setName('case').setDescription('A filed review (c12), to move it on').setMaxLength(16))
        .addStringOption((o) => o.setName('step').setDescription('answered|unanswered|solved [message|sms|phone consent] [note] · sms · public').setMaxLength(200)),
    )
    .toJSON();
}
