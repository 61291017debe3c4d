/**
 * Messages as the fake Discord stores and returns them: built from request bodies the way
 * Discord fills in the rest (ids, author, timestamps, flags), edited field by field.
 */
import { EmbedType, MessageFlags, MessageType, type APIMessage, type APIUser } from 'discord.js';
import { DiscordError } from './fake-http.ts';
import { makeSnowflake } from './fake-world.ts';

/** Fields of a create/edit body that end up on the message. */
export interface MessageBody {
  content?: string;
  embeds?: APIMessage['embeds'];
  components?: unknown[];
  flags?: number;
  tts?: boolean;
  /** Attachment metadata of a multipart body: `id` is the index of its `files[n]` part. */
  attachments?: { id: number | string; filename?: string; description?: string }[];
}

/** A file part of a multipart message body (`files[n]`). */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** Only these flags may be set by a bot when creating a message. */
const SETTABLE_FLAGS = MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications;

export function createMessage(
  channelId: string,
  author: APIUser,
  body: MessageBody,
  extra: { applicationId?: string; type?: MessageType; flags?: number; files?: UploadedFile[] } = {},
): APIMessage {
  // Discord links each attachment to its `files[n]` part by id; the message carries what arrived.
  const attachments = (body.attachments ?? []).map((a) => {
    const file = extra.files?.find((f) => f.field === `files[${a.id}]`);
    if (!file) throw new DiscordError(400, 50035, `Invalid Form Body: attachments[${a.id}] has no files[${a.id}] part`);
    const id = makeSnowflake();
    return { id, filename: a.filename ?? file.filename, ...(a.description ? { description: a.description } : {}), size: file.bytes.length, content_type: file.contentType, url: `https://cdn.fake.discord/attachments/${channelId}/${id}/${file.filename}`, proxy_url: `https://media.fake.discord/attachments/${channelId}/${id}/${file.filename}` };
  });
  return {
    id: makeSnowflake(),
    channel_id: channelId,
    author,
    content: body.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts ?? false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments,
    embeds: asRich(body.embeds),
    pinned: false,
    type: extra.type ?? MessageType.Default,
    flags: ((body.flags ?? 0) & SETTABLE_FLAGS) | (extra.flags ?? 0),
    components: (body.components ?? []) as APIMessage['components'],
    ...(extra.applicationId ? { application_id: extra.applicationId, webhook_id: extra.applicationId } : {}),
  };
}

/** Applies an edit body: only the fields present change; the Loading flag clears on the first edit. */
export function editMessage(message: APIMessage, body: MessageBody): APIMessage {
  const next: APIMessage = { ...message, edited_timestamp: new Date().toISOString() };
  if (body.content !== undefined) next.content = body.content ?? '';
  if (body.embeds !== undefined) next.embeds = asRich(body.embeds);
  if (body.components !== undefined) next.components = (body.components ?? []) as APIMessage['components'];
  next.flags = ((message.flags ?? 0) & ~MessageFlags.Loading) as MessageFlags;
  return next;
}

/** Discord stores bot embeds as `rich` embeds and says so. */
function asRich(embeds: APIMessage['embeds'] | undefined | null): APIMessage['embeds'] {
  return (embeds ?? []).map((e) => ({ ...e, type: EmbedType.Rich }));
}

/** True when the message is only visible to the user who triggered the interaction. */
export function isEphemeral(message: APIMessage): boolean {
  return ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

/** All text a user would see on a message: content, embed titles, descriptions, fields, footers. */
export function visibleText(message: APIMessage): string {
  const parts: string[] = [message.content];
  for (const e of message.embeds) {
    parts.push(e.author?.name ?? '', e.title ?? '', e.description ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
    parts.push(e.footer?.text ?? '');
  }
  return parts.filter(Boolean).join('\n');
}

/** The buttons on a message, flattened: what a user could click. */
export function buttonsOf(message: APIMessage): { custom_id: string; label: string; disabled: boolean }[] {
  const out: { custom_id: string; label: string; disabled: boolean }[] = [];
  for (const row of (message.components ?? []) as { components?: { type: number; custom_id?: string; label?: string; disabled?: boolean }[] }[]) {
    for (const c of row.components ?? []) {
      if (c.type === 2 && c.custom_id) out.push({ custom_id: c.custom_id, label: c.label ?? '', disabled: c.disabled ?? false });
    }
  }
  return out;
}
