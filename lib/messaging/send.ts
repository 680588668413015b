import { browser } from 'wxt/browser';
import type { ReplyTo, RuntimeRequest, TabRequest } from './protocol';
import { fail, type Reply } from './reply';

/**
 * The one place Rapport sends a message. The reply's type comes from the protocol's request →
 * reply map (ReplyTo), so no caller casts. Neither function throws: a request nothing received
 * (extension reloaded, service worker starting, tab closed or reloading) is answered
 * `{ ok: false, code: 'unreachable' }`, and one taken without an answer `code: 'no-answer'`.
 * The reply itself is trusted as far as its sender is: extension contexts answer each other.
 */
export async function send<M extends RuntimeRequest>(message: M): Promise<Reply<ReplyTo[M['type']]>> {
  return settle(() => runtimeTransport(message));
}

/** What carries a request and brings back whatever answered: runtime.sendMessage, or a fake in unit tests. */
export type Transport = (message: RuntimeRequest) => Promise<unknown>;

/** The browser's own transport to the extension's contexts (the background, mostly). */
export const runtimeTransport: Transport = (message) => browser.runtime.sendMessage(message);

/** A send limited to the requests `R` (a content script's, say): typed replies, never throws. */
export type Sender<R extends RuntimeRequest = RuntimeRequest> = <M extends R>(message: M) => Promise<Reply<ReplyTo[M['type']]>>;

/**
 * As send, over a transport given by the caller: the call page's companion and chunk loader take
 * theirs as a dependency, so their unit tests hand in a fake and still get send's replies.
 */
export function sendVia<R extends RuntimeRequest = RuntimeRequest>(transport: Transport): Sender<R> {
  return (message) => settle(() => transport(message));
}

/** As send, to the content script of one tab (the top frame only with `{ frameId: 0 }`). */
export async function sendToTab<M extends TabRequest>(
  tabId: number,
  message: M,
  options?: { frameId?: number },
): Promise<Reply<ReplyTo[M['type']]>> {
  return settle(() => (options ? browser.tabs.sendMessage(tabId, message, options) : browser.tabs.sendMessage(tabId, message)));
}

async function settle<T>(deliver: () => Promise<unknown>): Promise<Reply<T>> {
  let reply: unknown;
  try {
    reply = await deliver();
  } catch (error: unknown) {
    return fail(error, 'unreachable');
  }
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) return fail('no answer', 'no-answer');
  return reply as Reply<T>;
}
