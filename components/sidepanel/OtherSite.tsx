import { useState } from 'react';
import { browser } from 'wxt/browser';
import { useSettings, useT } from '../../lib/hooks/use-settings';
import { disableSite, enableSite, originPattern } from '../../lib/background/extra-sites';

/**
 * On a page Rapport does not know: offer to follow calls on this one site (asks for access to
 * it now, at the moment of use), or to stop following a site enabled before.
 */
export function OtherSite({ url, tabId }: { url: string; tabId: number | null }) {
  const { t } = useT();
  const settings = useSettings();
  const [state, setState] = useState<'idle' | 'enabled' | 'declined' | { error: string }>('idle');
  const pattern = originPattern(url);
  if (!pattern) return null;
  const host = new URL(url).host;
  const enabled = settings.extraOrigins.includes(pattern);
  if (enabled || state === 'enabled') {
    return (
      <section className="card" aria-labelledby="site-heading">
        <h2 id="site-heading">{t('sidepanel', 'siteEnabledTitle', { host })}</h2>
        <p>{t('sidepanel', 'siteEnabledHint')}</p>
        <div className="row">
          {tabId !== null && (
            <button type="button" className="primary" onClick={() => void browser.tabs.reload(tabId)}>
              {t('sidepanel', 'reloadTab')}
            </button>
          )}
          <button type="button" onClick={() => void disableSite(pattern).then(() => setState('idle'))}>
            {t('sidepanel', 'stopOnSite')}
          </button>
        </div>
      </section>
    );
  }
  const enable = () =>
    enableSite(url).then(
      (granted) => setState(granted ? 'enabled' : 'declined'),
      (error: unknown) => setState({ error: error instanceof Error ? error.message : String(error) }),
    );
  return (
    <section className="card" aria-labelledby="site-heading">
      <h2 id="site-heading">{t('sidepanel', 'otherSiteTitle')}</h2>
      <p>{t('sidepanel', 'otherSiteHint', { host })}</p>
      <button type="button" className="primary" onClick={() => void enable()}>
        {t('sidepanel', 'enableOnSite', { host })}
      </button>
      {state === 'declined' && <p className="muted small">{t('sidepanel', 'siteDeclined')}</p>}
      {typeof state === 'object' && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
    </section>
  );
}
