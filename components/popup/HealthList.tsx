import { useEffect, useRef } from 'react';
import type { Language, Translator } from '../../lib/i18n';
import { describeHealthSignal } from '../../lib/mentoring/health';
import type { RelationshipAlert } from '../../lib/summary/health';

/** Set once the health section has been computed and drawn; the summary benchmark reads it. */
export const HEALTH_MARK = 'rapport:health-rendered';

/** Relationships with a health warning or a review due, each signal in one sentence. */
export function HealthList({
  alerts,
  t,
  language,
}: {
  alerts: readonly RelationshipAlert[] | undefined;
  t: Translator;
  language: Language;
}) {
  const marked = useRef(false);
  useEffect(() => {
    if (alerts && !marked.current) {
      marked.current = true;
      performance.mark(HEALTH_MARK);
    }
  }, [alerts]);
  if (!alerts || alerts.length === 0) return null;
  return (
    <section className="section" aria-labelledby="health-heading" data-testid="health">
      <h2 id="health-heading">{t('popup', 'healthHeading')}</h2>
      <ul className="plain-list">
        {alerts.map((a) => (
          <li key={a.relationshipId} className={a.hasWarning ? 'health warn' : 'health'}>
            <strong>{a.name}</strong>
            <ul className="health-signals">
              {a.signals.map((s) => (
                <li key={s.kind} className={s.severity === 'warning' ? 'small' : 'small muted'}>
                  {describeHealthSignal(s, t, language)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
