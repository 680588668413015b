import { tapShowsCall, WATCHER_FLAG } from './call-watcher';

/** The isolated-world global the relay sets, so a page gets one relay however often it is given one. */
export const RELAY_FLAG = '__rapportRelay';

/** The message the relay sends when the tap shows a call (lib/background/calls.ts). */
export const WAKE_TYPE = 'cs:watcher.wake';

export interface RelayDeps {
  /** The page's window (where the tap posts) … */
  window: Window;
  /** … the isolated world's globals (the flags) … */
  world: Record<string, unknown>;
  /** … and the message to the background. */
  send: (message: { type: typeof WAKE_TYPE }) => Promise<unknown> | undefined;
}

/**
 * What a call site's page that is not a meeting's gets after its load instead of the watcher
 * (lib/background/watcher.ts): a listener for the MAIN-world tap. While the page has no watcher,
 * it asks the background for one when the tap shows a microphone, a peer connection or the other
 * party's audio — a call started from a chat, or on an address Rapport has no rule for. It does
 * not ask the tap for its state (a round of messages through the page costs the page ≈ 2 ms of its
 * main thread here): what the tap saw before the relay listened, the background reads from the
 * tap's TAP_SAW_CALL after injecting it. The page can forge the tap's messages; all it gets is the
 * watcher a meeting's page has. Installs once per page.
 */
export function installRelay({ window: win, world, send }: RelayDeps): void {
  if (world[RELAY_FLAG] === true || world[WATCHER_FLAG] === true) return;
  Object.defineProperty(world, RELAY_FLAG, { value: true });
  win.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== win || world[WATCHER_FLAG] === true) return;
    const data = event.data as { source?: unknown; type?: unknown } | null;
    if (data?.source !== 'rapport-tap' || data.type !== 'tap:state' || !tapShowsCall(data)) return;
    // A worker that cannot answer (stopping, or the extension updated) is tried at the next change.
    void Promise.resolve(send({ type: WAKE_TYPE })).catch(() => undefined);
  });
}
