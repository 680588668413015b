import { useRelationshipOverview } from '../../lib/hooks/use-relationships';
import { useT } from '../../lib/hooks/use-settings';
import { cadenceState } from '../../lib/mentoring/cadence';
import { describeHealthSignal, hasHealthWarning, relationshipHealth } from '../../lib/mentoring/health';
import { formatLongDate } from '../../lib/format/date';
import { STATUS_KEYS, TYPE_KEYS } from '../../lib/i18n/labels';
import { routeHash, type Route } from './route';

/** All relationships at a glance: role, status, next meeting and whether anything needs attention. */
export function RelationshipList({ go }: { go: (route: Route) => void }) {
  const { t, language } = useT();
  const overview = useRelationshipOverview();
  if (overview === undefined) return <p className="muted">{t('common', 'loading')}</p>;

  return (
    <section aria-labelledby="list-title">
      <div className="row spread">
        <h2 id="list-title">{t('options', 'relationshipsTitle')}</h2>
        <button type="button" className="primary" onClick={() => go({ page: 'new' })}>
          {t('options', 'newRelationship')}
        </button>
      </div>
      {overview.length === 0 && (
        <div className="card empty">
          <p>{t('options', 'emptyIntro')}</p>
          <p className="muted">{t('options', 'emptyMethod')}</p>
        </div>
      )}
      <ul className="relationship-list plain">
        {overview.map((history) => {
          const r = history.relationship;
          const signals = relationshipHealth(history);
          const warnings = signals.filter((s) => s.severity === 'warning').length;
          const { dueDate } = cadenceState(r, history.sessions);
          return (
            <li key={r.id} className="card">
              <div className="row spread">
                <a href={routeHash({ page: 'relationship', id: r.id })} className="relationship-link">
                  {r.counterpartName}
                </a>
                <span className={`status status-${r.status}`}>{t('options', STATUS_KEYS[r.status])}</span>
              </div>
              <p className="muted">
                {t('options', r.myRole === 'mentor' ? 'youMentor' : 'youMentee')} · {t('options', TYPE_KEYS[r.type])} ·{' '}
                {t('options', 'goalCount', { n: history.goals.length })} · {t('options', 'sessionCount', { n: history.sessions.length })}
              </p>
              {r.status === 'active' && (
                <p>
                  {t('options', 'nextMeetingSuggested')} {formatLongDate(dueDate, language)}
                </p>
              )}
              {hasHealthWarning(signals) && (
                <>
                  <p className="warn-text">{t('options', 'needsAttention', { n: warnings })}</p>
                  <p className="muted">
                    {describeHealthSignal(
                      signals.find((s) => s.severity === 'warning')!,
                      t,
                      language,
                    )}
                  </p>
                </>
              )}
              {!hasHealthWarning(signals) && signals.length > 0 && <p className="muted">{t('options', 'reviewDue')}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
