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
  return settle(() => browser.runtime.sendMessage(message));
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
