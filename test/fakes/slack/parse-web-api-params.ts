import type { IncomingMessage } from 'node:http';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a Web API request body the way Slack does: form fields, JSON-encoded non-scalars. */
export function parseWebApiParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json'))
    return raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const looksJson = (value.startsWith('[') || value.startsWith('{')) && key !== 'text';
    try {
      params[key] = looksJson ? JSON.parse(value) : value;
    } catch {
      params[key] = value;
    }
  }
  return params;
}
