import { useEffect, useState, type ReactNode } from 'react';
import { getDb } from '../lib/db/database';
import { primeSettings } from '../lib/hooks/use-settings';
import { createTranslator, resolveLanguage } from '../lib/i18n';

/**
 * Opens the database before the page renders and says so plainly when it cannot
 * (IndexedDB disabled, private mode, disk full, a newer version open elsewhere). It reads the
 * settings too, so the page's first paint is in the chosen language, not the browser's.
 */
export function DbGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ status: 'opening' } | { status: 'open' } | { status: 'failed'; error: string }>({
    status: 'opening',
  });
  useEffect(() => {
    getDb()
      .open()
      // A settings read that fails leaves the defaults; the page's own reads then say what is wrong.
      .then(() => primeSettings().catch(() => undefined))
      .then(() => setState({ status: 'open' }))
      .catch((error: unknown) => setState({ status: 'failed', error: error instanceof Error ? error.message : String(error) }));
  }, []);
  if (state.status === 'opening') return null;
  if (state.status === 'failed') {
    // The language setting lives in the database that failed: follow the browser's language.
    const t = createTranslator(resolveLanguage('auto', navigator.languages));
    return (
      <div role="alert" className="banner error" style={{ margin: 12 }}>
        {t('common', 'dbUnavailable', { error: state.error })}
      </div>
    );
  }
  return <>{children}</>;
}
