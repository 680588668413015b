import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { PopupTranslator } from '../../lib/i18n/popup';

type FirefoxSidebar = { sidebarAction?: { open: () => Promise<void> } };

/**
 * Opens the call companion: Chrome's side panel for this window, Firefox's sidebar. Both need a
 * user gesture, so the call happens right in the click handler (the window id is fetched
 * beforehand, not awaited on click). Hidden where the browser has neither.
 */
export function CompanionButton({ t }: { t: PopupTranslator }) {
  const [windowId, setWindowId] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const sidePanel = 'sidePanel' in browser ? browser.sidePanel : undefined;
  const sidebar = (browser as unknown as FirefoxSidebar).sidebarAction;
  useEffect(() => {
    if (!sidePanel) return;
    browser.windows
      .getCurrent()
      .then((w) => setWindowId(w.id))
      .catch(() => undefined);
  }, [sidePanel]);
  if (!sidePanel?.open && !sidebar?.open) return null;
  const open = () => {
    setError(null);
    const opening = sidePanel?.open && windowId !== undefined ? sidePanel.open({ windowId }) : sidebar?.open();
    opening
      ?.then(() => {
        // Close the toolbar popup once the companion is up; as a tab (tests) the page stays.
        if (browser.extension?.getViews?.({ type: 'popup' }).includes(window)) window.close();
      })
      .catch((e: unknown) => setError(t('popup', 'companionFailed', { error: e instanceof Error ? e.message : String(e) })));
  };
  return (
    <>
      <button type="button" onClick={open} disabled={Boolean(sidePanel?.open) && windowId === undefined} data-testid="open-companion">
        {t('popup', 'openCompanion')}
      </button>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}
