import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CommandRequest } from '../../src/ports.js';
import { silentLogger } from '../../src/log.js';
import { createSlackPlatform, type SlackPlatform } from '../../adapters/slack/slack-platform.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.js';

let fake: FakeSlack;
let platform: SlackPlatform | undefined;

beforeEach(async () => {
  fake = await startFakeSlack();
  fake.setUser({ id: 'U0ADMIN', isAdmin: true });
});

afterEach(async () => {
  await platform?.stop();
  platform = undefined;
  await fake.close();
});

describe('Slack platform in Socket Mode', () => {
  it('connects with the app token and answers commands with the same handlers', async () => {
    const requests: CommandRequest[] = [];
    platform = createSlackPlatform(
      {
        botToken: fake.botToken,
        appToken: fake.appToken,
        apiUrl: fake.apiUrl,
        port: 0,
        path: '/slack/events',
        managerUserIds: [],
      },
      { logger: silentLogger },
    );
    expect(platform.mode).toBe('socket');
    platform.onCommand({
      async handle(request) {
        requests.push(request);
        return {
          message: { text: `Schedule set by ${request.userId}`, cards: [] },
          visibility: 'in_channel',
        };
      },
      async complete() {
        return [];
      },
    });
    await platform.start();
    expect(fake.socketCount()).toBe(1);
    expect(fake.callsOf('apps.connections.open')).toHaveLength(1);
    expect(platform.endpointUrl()).toBeUndefined();

    const sent = await fake.sendSocketCommand({
      command: '/news',
      text: 'digest schedule 0 8 * * *',
      userId: 'U0ADMIN',
    });
    expect(sent.ackMs).toBeLessThan(3000);
    await fake.waitFor(() => fake.responsesFor(sent.responseId).length === 1, 5000, 'the reply');
    expect(requests).toMatchObject([
      {
        platform: 'slack',
        name: 'digest',
        subcommand: 'schedule',
        text: '0 8 * * *',
        userId: 'U0ADMIN',
        userCanManageChannel: true,
      },
    ]);
    expect(fake.responsesFor(sent.responseId)[0]!.body).toMatchObject({
      response_type: 'in_channel',
      text: 'Schedule set by U0ADMIN',
    });

    await platform.stop();
    platform = undefined;
    await fake.waitFor(() => fake.socketCount() === 0, 5000, 'the socket to close');
  });
});
