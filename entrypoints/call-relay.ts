import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installRelay } from '../lib/session/relay';

type Runtime = { runtime: { sendMessage(message: unknown): Promise<unknown> } };

// Injected by the background into a call site's page that is not a meeting's, once it has loaded
// (lib/background/watcher.ts): a few lines instead of the watcher, until the tap shows a call.
export default defineUnlistedScript(() => {
  installRelay({
    window,
    world: globalThis as unknown as Record<string, unknown>,
    // The extension API is read only when the relay sends: reading it as the relay starts (as
    // wxt/browser, and so lib/messaging's send, does on import) took ≈ 1.2 ms of the page's main
    // thread here, most of the relay's cost. Its one message has no reply to type.
    send: (message) => {
      const g = globalThis as unknown as { browser?: Runtime; chrome?: Runtime };
      // eslint-disable-next-line no-restricted-syntax -- see above: lazily, without wxt/browser
      return (g.browser ?? g.chrome)!.runtime.sendMessage(message);
    },
  });
});
