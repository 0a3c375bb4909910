/**
 * A command that cannot run as asked: bad input, a refusal, or a failure the user can act on. The
 * dispatcher shows `message` as one short ephemeral line; anything else thrown is logged and
 * answered with a generic line.
 */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}
