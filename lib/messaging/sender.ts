/** The minimum of `runtime.MessageSender` the checks need. */
export type SenderLike = { id?: string; url?: string; tab?: { id?: number }; origin?: string };

/**
 * True only for the extension's own pages (side panel, popup, options, note prompt).
 * Content scripts run on web origins, so their `url` is the page's, never the extension's.
 */
export function isExtensionPage(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId) return false;
  const url = sender.url ?? '';
  return url.startsWith(extensionOrigin);
}

/** True for a content script of this extension running in a tab. */
export function isContentScript(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && typeof sender.tab?.id === 'number' && !(sender.url ?? '').startsWith(extensionOrigin);
}
