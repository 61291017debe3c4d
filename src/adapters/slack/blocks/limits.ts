/**
 * Block Kit limits (api.slack.com/reference/block-kit): exceeding any of them makes Slack answer
 * `invalid_blocks` and the person sees nothing, so every builder fits its content to these.
 */
export const SLACK_LIMITS = {
  /** Blocks in one message. */
  messageBlocks: 50,
  /** Blocks in a modal or App Home view. */
  viewBlocks: 100,
  /** Text of a section block, and of `text` fallback per block. */
  sectionText: 3000,
  /** Header block plain text. */
  headerText: 150,
  /** Context block: elements and text per element. */
  contextElements: 10,
  contextText: 2000,
  /** Button label and value. */
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** Elements in one actions block. */
  actionsElements: 25,
  /** Modal title, submit and close labels. */
  modalTitle: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  /** plain_text_input max_length ceiling. */
  plainTextInput: 3000,
  /** Top-level `text` of chat.postMessage: Slack truncates past 40 000. */
  messageText: 40_000,
} as const;
