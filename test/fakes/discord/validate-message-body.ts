/**
 * Discord's validation of a message body, so that the fake rejects (400, code 50035 or 50006)
 * exactly what Discord would reject for size, count or emptiness.
 */
export interface MessageBody {
  readonly content?: string;
  readonly embeds?: readonly unknown[];
  readonly allowed_mentions?: unknown;
  readonly nonce?: string | number;
  readonly enforce_nonce?: boolean;
  readonly flags?: number;
}

interface EmbedLike {
  title?: string;
  description?: string;
  url?: string;
  timestamp?: string;
  author?: { name?: string };
  footer?: { text?: string };
  fields?: Array<{ name?: string; value?: string }>;
}

export function validateMessageBody(
  body: MessageBody,
): { message: string; code: number; errors?: unknown } | undefined {
  const problems: string[] = [];
  const content = body.content ?? '';
  const embeds = (body.embeds ?? []) as readonly EmbedLike[];
  if (content.length > 2000) problems.push(`content: ${content.length} > 2000`);
  if (embeds.length > 10) problems.push(`embeds: ${embeds.length} > 10`);
  if (typeof body.nonce === 'string' && body.nonce.length > 25)
    problems.push(`nonce: ${body.nonce.length} > 25`);
  let total = 0;
  embeds.forEach((embed, index) => {
    const check = (field: string, value: string | undefined, max: number, min = 0): void => {
      const length = value?.length ?? 0;
      if (value !== undefined && (length > max || length < min))
        problems.push(`embeds.${index}.${field}: ${length} not in ${min}..${max}`);
      total += length;
    };
    check('title', embed.title, 256);
    check('description', embed.description, 4096);
    check('author.name', embed.author?.name, 256, 1);
    check('footer.text', embed.footer?.text, 2048, 1);
    const fields = embed.fields ?? [];
    if (fields.length > 25) problems.push(`embeds.${index}.fields: ${fields.length} > 25`);
    fields.forEach((field, fieldIndex) => {
      check(`fields.${fieldIndex}.name`, field.name ?? '', 256, 1);
      check(`fields.${fieldIndex}.value`, field.value ?? '', 1024, 1);
    });
    if (embed.url !== undefined && !/^https?:\/\/\S+$/.test(embed.url))
      problems.push(`embeds.${index}.url: not a URL`);
    if (embed.timestamp !== undefined && Number.isNaN(Date.parse(embed.timestamp))) {
      problems.push(`embeds.${index}.timestamp: not ISO 8601`);
    }
  });
  if (total > 6000) problems.push(`embeds: ${total} characters > 6000`);
  if (problems.length > 0) return { message: 'Invalid Form Body', code: 50035, errors: problems };
  if (content.trim() === '' && embeds.length === 0)
    return { message: 'Cannot send an empty message', code: 50006 };
  return undefined;
}

/** Discord's 50035 "Invalid Form Body" error for one field. */
export function invalidForm(field: string, message: string): unknown {
  return {
    message: 'Invalid Form Body',
    code: 50035,
    errors: { [field]: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message }] } },
  };
}
