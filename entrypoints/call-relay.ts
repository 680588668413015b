import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { send } from '../lib/messaging/send';
import { installRelay } from '../lib/session/relay';

// Injected by the background into a call site's page that is not a meeting's, once it has loaded
// (lib/background/watcher.ts): a few lines instead of the watcher, until the tap shows a call.
export default defineUnlistedScript(() => {
  installRelay({ window, world: globalThis as unknown as Record<string, unknown>, send });
});
