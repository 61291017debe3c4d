/**
 * Block Kit validation as Slack's API applies it: the limits and required fields Settle's
 * messages and views could break. Returns Slack-style messages with JSON pointers, e.g.
 * `must be less than 3001 characters [json-pointer:/blocks/2/text/text]`.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface BlockRules {
  maxBlocks: number;
  /** Input blocks are accepted only in views. */
  allowInput: boolean;
}

export const MESSAGE_RULES: BlockRules = { maxBlocks: 50, allowInput: false };
export const VIEW_RULES: BlockRules = { maxBlocks: 100, allowInput: true };

export function validateBlocks(blocks: unknown, rules: BlockRules, base = '/blocks'): string[] {
  const errors: string[] = [];
  const err = (msg: string, path: string): void => {
    errors.push(`${msg} [json-pointer:${path}]`);
  };
  if (!Array.isArray(blocks)) {
    err('must be an array', base);
    return errors;
  }
  if (blocks.length > rules.maxBlocks) err(`must be less than ${rules.maxBlocks + 1} items`, base);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const p = `${base}/${i}`;
    if (!isObj(block)) return err('must be an object', p);
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== 'string' || block.block_id.length > 255) err('must be less than 256 characters', `${p}/block_id`);
      else if (blockIds.has(block.block_id)) err('duplicate block_id', `${p}/block_id`);
      else blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined) err('must provide either text or fields', p);
        if (block.text !== undefined) text(block.text, `${p}/text`, 3000, err);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields) || block.fields.length > 10) err('must be less than 11 items', `${p}/fields`);
          else block.fields.forEach((f, j) => text(f, `${p}/fields/${j}`, 2000, err));
        }
        if (block.accessory !== undefined) element(block.accessory, `${p}/accessory`, err);
        break;
      case 'header':
        text(block.text, `${p}/text`, 150, err, 'plain_text');
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 10) err('must have between 1 and 10 items', `${p}/elements`);
        else block.elements.forEach((e, j) => (isObj(e) && e.type === 'image' ? undefined : text(e, `${p}/elements/${j}`, 2000, err)));
        break;
      case 'actions': {
        if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 25) {
          err('must have between 1 and 25 items', `${p}/elements`);
          break;
        }
        const ids = new Set<string>();
        block.elements.forEach((e, j) => {
          element(e, `${p}/elements/${j}`, err);
          const id = isObj(e) ? e.action_id : undefined;
          if (typeof id === 'string') {
            if (ids.has(id)) err('duplicate action_id', `${p}/elements/${j}/action_id`);
            ids.add(id);
          }
        });
        break;
      }
      case 'divider':
        break;
      case 'input':
        if (!rules.allowInput) err('input blocks are not allowed in messages', `${p}/type`);
        text(block.label, `${p}/label`, 2000, err, 'plain_text');
        if (block.hint !== undefined) text(block.hint, `${p}/hint`, 2000, err, 'plain_text');
        element(block.element, `${p}/element`, err);
        break;
      default:
        err(`unsupported type: ${String(block.type)}`, `${p}/type`);
    }
  });
  return errors;
}

type Err = (msg: string, path: string) => void;

function text(t: unknown, p: string, max: number, err: Err, only?: 'plain_text'): void {
  if (!isObj(t)) return err('must be an object', p);
  if (t.type !== 'plain_text' && t.type !== 'mrkdwn') return err('must be plain_text or mrkdwn', `${p}/type`);
  if (only && t.type !== only) return err(`must be ${only}`, `${p}/type`);
  if (typeof t.text !== 'string' || t.text.length === 0) return err('must be more than 0 characters', `${p}/text`);
  if (t.text.length > max) err(`must be less than ${max + 1} characters`, `${p}/text`);
}

function element(e: unknown, p: string, err: Err): void {
  if (!isObj(e)) return err('must be an object', p);
  if (e.action_id !== undefined && (typeof e.action_id !== 'string' || e.action_id.length > 255)) err('must be less than 256 characters', `${p}/action_id`);
  switch (e.type) {
    case 'button':
      text(e.text, `${p}/text`, 75, err, 'plain_text');
      if (e.value !== undefined && (typeof e.value !== 'string' || e.value.length > 2000)) err('must be less than 2001 characters', `${p}/value`);
      if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') err('must be primary or danger', `${p}/style`);
      break;
    case 'plain_text_input': {
      const max = e.max_length === undefined ? 3000 : Number(e.max_length);
      if (!Number.isInteger(max) || max < 1 || max > 3000) err('must be between 1 and 3000', `${p}/max_length`);
      if (typeof e.initial_value === 'string' && e.initial_value.length > max) err(`must be less than ${max + 1} characters`, `${p}/initial_value`);
      if (e.placeholder !== undefined) text(e.placeholder, `${p}/placeholder`, 150, err, 'plain_text');
      break;
    }
    case 'number_input':
      if (typeof e.is_decimal_allowed !== 'boolean') err('must provide is_decimal_allowed', `${p}/is_decimal_allowed`);
      if (e.initial_value !== undefined && (typeof e.initial_value !== 'string' || !Number.isFinite(Number(e.initial_value)))) err('must be a number', `${p}/initial_value`);
      break;
    case 'static_select':
      if (e.placeholder !== undefined) text(e.placeholder, `${p}/placeholder`, 150, err, 'plain_text');
      if (!Array.isArray(e.options) || e.options.length === 0 || e.options.length > 100) err('must have between 1 and 100 items', `${p}/options`);
      else e.options.forEach((o, j) => {
        if (!isObj(o)) return err('must be an object', `${p}/options/${j}`);
        text(o.text, `${p}/options/${j}/text`, 75, err, 'plain_text');
        if (typeof o.value !== 'string' || o.value.length > 150) err('must be less than 151 characters', `${p}/options/${j}/value`);
      });
      break;
    default:
      err(`unsupported type: ${String(e.type)}`, `${p}/type`);
  }
}

/** A modal or home view as `views.open`/`views.publish` check it. */
export function validateView(view: unknown, expected: 'modal' | 'home' | 'any'): string[] {
  const errors: string[] = [];
  const err = (msg: string, path: string): void => {
    errors.push(`${msg} [json-pointer:${path}]`);
  };
  if (!isObj(view)) return ['must be an object [json-pointer:/view]'];
  if (view.type !== 'modal' && view.type !== 'home') err('must be modal or home', '/view/type');
  if (expected !== 'any' && view.type !== expected) err(`must be ${expected}`, '/view/type');
  if (view.type === 'modal') {
    text(view.title, '/view/title', 24, err, 'plain_text');
    if (view.submit !== undefined) text(view.submit, '/view/submit', 24, err, 'plain_text');
    if (view.close !== undefined) text(view.close, '/view/close', 24, err, 'plain_text');
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) err('must provide submit when input blocks are present', '/view/submit');
  }
  if (view.private_metadata !== undefined && (typeof view.private_metadata !== 'string' || view.private_metadata.length > 3000)) err('must be less than 3001 characters', '/view/private_metadata');
  if (view.callback_id !== undefined && (typeof view.callback_id !== 'string' || view.callback_id.length > 255)) err('must be less than 256 characters', '/view/callback_id');
  return [...errors, ...validateBlocks(view.blocks, VIEW_RULES, '/view/blocks')];
}
