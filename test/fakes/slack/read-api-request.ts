/** Reading a Web API request as Slack does: form or JSON bodies, JSON-valued form fields. */
import type { IncomingMessage } from 'node:http';

/** Form or JSON bodies; JSON-valued form fields (blocks, view) are parsed as Slack does. */
export function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBytes(req)).toString('utf8');
}

/** The body as bytes (file uploads are binary). */
export function readBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The file bytes of an upload body: the first file part of a multipart/form-data body (parsed by
 * the platform's own fetch Request, undici), or the body itself when it is not multipart.
 */
export async function uploadedBytes(body: Buffer, contentType: string): Promise<{ bytes: Buffer; filename?: string }> {
  if (!contentType.startsWith('multipart/form-data')) return { bytes: body };
  const form = await new Request('http://upload.local/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
  for (const [, value] of form) {
    if (typeof value !== 'string') return { bytes: Buffer.from(await value.arrayBuffer()), filename: value.name };
  }
  return { bytes: Buffer.alloc(0) };
}
