/** Everything the running bot's jobs need, wired by hand in `main.ts`. */
import type { PlatformName } from '../model.js';
import type { HttpClient } from '../net/http-client.js';
import type { ChatPlatform, Clock, Logger, Store, Summariser } from '../ports.js';
import type { Settings } from '../settings.js';

export interface BotDeps {
  readonly store: Store;
  readonly client: HttpClient;
  readonly summariser: Summariser;
  readonly platforms: Map<PlatformName, ChatPlatform>;
  readonly now: Clock;
  readonly logger: Logger;
  readonly settings: Settings;
}
