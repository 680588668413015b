import { useMemo } from 'react';
import { createTranslator, type Language } from '../../lib/i18n';
import { useRelationshipAlerts } from '../../lib/hooks/use-week-health';
import { HealthList } from './HealthList';

/**
 * "Needs attention", live. It reads every active relationship's history through Dexie, so the
 * popup loads it as a chunk of its own once the week's summary is on screen, with the full string
 * tables its signals are worded from (the options page's).
 */
export default function HealthSection({ language }: { language: Language }) {
  const t = useMemo(() => createTranslator(language), [language]);
  return <HealthList alerts={useRelationshipAlerts(true)} t={t} language={language} />;
}
