import type { Language, Translator } from '../../lib/i18n';
import { useRelationshipAlerts } from '../../lib/hooks/use-week-health';
import { HealthList } from './HealthList';

/**
 * "Needs attention", live. It reads every active relationship's history through Dexie, so the
 * popup loads it as a chunk of its own once the week's summary is on screen.
 */
export default function HealthSection({ t, language }: { t: Translator; language: Language }) {
  return <HealthList alerts={useRelationshipAlerts(true)} t={t} language={language} />;
}
