import { useCallback, useEffect, useState } from 'react';
import { useRelationshipDetail } from '../../lib/hooks/use-relationship-detail';
import { useT } from '../../lib/hooks/use-settings';
import { DataPanel } from './DataPanel';
import { RelationshipForm } from './RelationshipForm';
import { RelationshipList } from './RelationshipList';
import { RelationshipView } from './RelationshipView';
import { SettingsPanel } from './SettingsPanel';
import { parseRoute, routeHash, type Route } from './route';
import './options.css';

function EditRelationship({ id, go }: { id: string; go: (route: Route) => void }) {
  const { t } = useT();
  const history = useRelationshipDetail(id);
  if (history === undefined) return <p className="muted">{t('common', 'loading')}</p>;
  if (history === null) return <p className="banner warn">{t('options', 'relationshipMissing')}</p>;
  return <RelationshipForm relationship={history.relationship} onDone={() => go({ page: 'relationship', id })} />;
}

/** The options page: relationships, your data, settings. Where you are lives in the URL hash. */
export function OptionsPage() {
  const { t, language } = useT();
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const go = useCallback((next: Route) => {
    location.hash = routeHash(next);
    setRoute(next);
    // Move focus to the new view, as a page load would, so keyboard and screen-reader users start there.
    requestAnimationFrame(() => document.getElementById('main')?.focus());
  }, []);

  const section = route.page === 'data' ? 'data' : route.page === 'settings' ? 'settings' : 'relationships';
  const tab = (target: typeof section, to: Route, label: string) => (
    <a href={routeHash(to)} aria-current={section === target ? 'page' : undefined}>
      {label}
    </a>
  );

  return (
    <div className="options">
      <header className="options-header">
        <h1>{t('options', 'pageTitle')}</h1>
        <nav aria-label={t('options', 'navLabel')}>
          {tab('relationships', { page: 'list' }, t('options', 'navRelationships'))}
          {tab('data', { page: 'data' }, t('options', 'navData'))}
          {tab('settings', { page: 'settings' }, t('options', 'navSettings'))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'list' && <RelationshipList go={go} />}
        {route.page === 'new' && (
          <RelationshipForm relationship={null} onDone={(id) => go(id ? { page: 'relationship', id } : { page: 'list' })} />
        )}
        {route.page === 'relationship' && <RelationshipView key={route.id} id={route.id} go={go} />}
        {route.page === 'edit' && <EditRelationship id={route.id} go={go} />}
        {route.page === 'data' && <DataPanel />}
        {route.page === 'settings' && <SettingsPanel />}
      </main>
    </div>
  );
}
