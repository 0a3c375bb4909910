/**
 * Interaction routes of the fake Discord: the callback (reply, deferral, autocomplete result) with
 * Discord's 3-second deadline and single acknowledgement, and the interaction webhook (edit,
 * delete and fetch the original response, follow-ups).
 */
import type { APIEmbed } from 'discord.js';
import { messagePayload, type FakeMessage, type FakeUser } from './discord-payloads.js';
import type { FakeInteraction } from './fake-interactions.js';
import { validateMessageBody, type MessageBody } from './validate-message-body.js';

export interface InteractionRouteContext {
  readonly interactions: ReadonlyMap<string, FakeInteraction>;
  readonly interactionDeadlineMs: number;
  readonly bot: FakeUser;
  readonly applicationId: string;
  storeMessage(channelId: string, body: MessageBody, interactionId: string | undefined): FakeMessage;
}

type Reply = (status: number, payload?: unknown) => void;

export function answerInteractionCallback(
  fake: InteractionRouteContext,
  id: string,
  token: string,
  query: URLSearchParams,
  body: { type: number; data?: MessageBody },
  reply: Reply,
): void {
  const interaction = fake.interactions.get(id);
  const deadline = fake.interactionDeadlineMs ?? 3000;
  if (!interaction || interaction.token !== token || Date.now() - interaction.createdAtMs > deadline) {
    return reply(404, { message: 'Unknown interaction', code: 10062 });
  }
  if (interaction.callbacks.length > 0) {
    return reply(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
  }
  if (body.type === 4) {
    const invalid = validateMessageBody(body.data ?? {});
    if (invalid) return reply(400, invalid);
  }
  interaction.callbacks.push({ type: body.type, data: body.data, atMs: Date.now() });
  if (body.type === 4 || body.type === 5) {
    interaction.original = fake.storeMessage(interaction.channelId, body.data ?? {}, interaction.id);
  }
  if (body.type === 8) {
    interaction.choices =
      (body.data as { choices?: Array<{ name: string; value: string }> } | undefined)?.choices ?? [];
  }
  if (query.get('with_response') === 'true') {
    reply(200, {
      interaction: {
        id,
        type: 2,
        activity_instance_id: null,
        response_message_id: interaction.original?.id ?? null,
      },
      resource: { type: body.type },
    });
    return;
  }
  reply(204);
}

export function answerInteractionWebhook(
  fake: InteractionRouteContext,
  method: string,
  token: string,
  messageRef: string | undefined,
  body: MessageBody,
  reply: Reply,
): void {
  const interaction = [...fake.interactions.values()].find((candidate) => candidate.token === token);
  if (!interaction || interaction.callbacks.length === 0) {
    return reply(404, { message: 'Unknown Webhook', code: 10015 });
  }
  if (messageRef === undefined) {
    if (method !== 'POST') return reply(405, { message: '405: Method Not Allowed', code: 0 });
    const invalid = validateMessageBody(body);
    if (invalid) return reply(400, invalid);
    const message = fake.storeMessage(interaction.channelId, body, interaction.id);
    interaction.followUps.push(message);
    return reply(200, messagePayload(message, fake.bot, fake.applicationId));
  }
  const target =
    messageRef === '@original'
      ? interaction.original
      : [interaction.original, ...interaction.followUps].find((message) => message?.id === messageRef);
  if (!target || target.deleted) return reply(404, { message: 'Unknown Message', code: 10008 });
  if (method === 'DELETE') {
    target.deleted = true;
    return reply(204);
  }
  if (method === 'GET') return reply(200, messagePayload(target, fake.bot, fake.applicationId));
  if (method !== 'PATCH') return reply(405, { message: '405: Method Not Allowed', code: 0 });
  const merged = {
    content: body.content ?? target.content,
    embeds: body.embeds ?? target.embeds,
  };
  const invalid = validateMessageBody(merged);
  if (invalid) return reply(400, invalid);
  target.content = merged.content;
  target.embeds = merged.embeds as APIEmbed[];
  if (body.allowed_mentions !== undefined) target.allowedMentions = body.allowed_mentions;
  interaction.edits = (interaction.edits ?? 0) + 1;
  reply(200, messagePayload(target, fake.bot, fake.applicationId));
}
