import { chatPlatformContract } from '../contracts/chat-platform-contract.js';
import { startConsoleHarness } from './console-harness.js';
import { startDiscordHarness } from './discord-harness.js';
import { startSlackHarness } from './slack-harness.js';

chatPlatformContract('console', startConsoleHarness, {
  knownFailures: {
    'posts once when the same key is posted twice at the same time':
      'the console records a key only after its write completes, so a second post started meanwhile prints again',
  },
});
chatPlatformContract('discord', startDiscordHarness);
chatPlatformContract('slack', startSlackHarness);
