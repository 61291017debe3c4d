/**
 * Discord's message, embed and component limits, and the one function that makes an embed
 * fit them. Text is cut (on grapheme boundaries, with `…`), never refused: a case card must
 * always post. Whole texts are shown elsewhere, paginated (see render-pages.ts).
 */
import type { APIEmbed } from 'discord.js';
import { truncate } from '../shared/present-case.ts';

export const DISCORD_LIMITS = {
  content: 2_000,
  embedTotal: 6_000,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
  buttonLabel: 80,
  customId: 100,
  modalTitle: 45,
  inputLabel: 45,
  inputValue: 4_000,
  inputPlaceholder: 100,
  modalComponents: 5,
} as const;

/** Characters Discord counts towards the 6 000 total of an embed. */
export function embedLength(e: APIEmbed): number {
  const fields = (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + fields + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
}

/**
 * Cuts every part of an embed to its limit, keeps at most 25 fields (the last one saying how
 * many were left out), then shortens the longest texts until the total is within 6 000.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const L = DISCORD_LIMITS;
  let fields = (embed.fields ?? []).map((f) => ({ ...f, name: truncate(f.name, L.fieldName) || '\u200b', value: truncate(f.value, L.fieldValue) || '\u200b' }));
  if (fields.length > L.embedFields) {
    const dropped = fields.length - (L.embedFields - 1);
    fields = [...fields.slice(0, L.embedFields - 1), { name: '…', value: `+${dropped}` }];
  }
  const out: APIEmbed = { ...embed, fields };
  if (embed.title !== undefined) out.title = truncate(embed.title, L.embedTitle);
  if (embed.description !== undefined) out.description = truncate(embed.description, L.embedDescription);
  if (embed.footer) out.footer = { ...embed.footer, text: truncate(embed.footer.text, L.footer) };
  for (let excess = embedLength(out) - L.embedTotal; excess > 0; excess = embedLength(out) - L.embedTotal) {
    shortenLongest(out, excess);
  }
  return out;
}

/** Cuts the longest of description and field values by `excess` (plus room for the ellipsis). */
function shortenLongest(e: APIEmbed, excess: number): void {
  const fields = e.fields ?? [];
  const longestField = fields.reduce((best, f, i) => (f.value.length > (fields[best]?.value.length ?? -1) ? i : best), -1);
  const fieldLen = longestField >= 0 ? (fields[longestField]?.value.length ?? 0) : 0;
  const descLen = e.description?.length ?? 0;
  if (descLen >= fieldLen && descLen > 1) {
    e.description = truncate(e.description ?? '', Math.max(1, descLen - excess - 1));
    return;
  }
  const f = fields[longestField];
  if (f && f.value.length > 1) {
    f.value = truncate(f.value, Math.max(1, f.value.length - excess - 1));
    return;
  }
  // Nothing long is left to cut: drop the last field.
  fields.pop();
}
