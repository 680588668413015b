/** The minimum of `runtime.MessageSender` the checks need. */
export type SenderLike = { id?: string; url?: string; tab?: { id?: number }; origin?: string; frameId?: number };

/** The origin of a URL, or '' when it is not one. Compared whole: a prefix test would let chrome-extension://abcd pass for abc. */
function originOf(url: string | undefined): string {
  // By hand: URL.origin is "null" for extension schemes outside the browser (Node, tests).
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(url ?? '');
  return match ? match[1]!.toLowerCase() : '';
}

/**
 * True only for the extension's own pages (side panel, popup, options, note prompt).
 * Content scripts run on web origins, so their `url` is the page's, never the extension's.
 */
export function isExtensionPage(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && originOf(sender.url) === extensionOrigin;
}

/** True for a content script of this extension running in a tab. */
export function isContentScript(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && typeof sender.tab?.id === 'number' && originOf(sender.url) !== extensionOrigin;
}
