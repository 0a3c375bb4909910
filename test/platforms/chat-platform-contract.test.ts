import { chatPlatformContract } from '../contracts/chat-platform-contract.js';
import { startConsoleHarness } from './console-harness.js';
import { startDiscordHarness } from './discord-harness.js';
import { startSlackHarness } from './slack-harness.js';

chatPlatformContract('console', startConsoleHarness);
chatPlatformContract('discord', startDiscordHarness);
chatPlatformContract('slack', startSlackHarness);
