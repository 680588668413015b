import { formatDateOnly } from '../../lib/format/date';
import { useComingSession } from '../../lib/hooks/use-companion';
import { useT } from '../../lib/hooks/use-settings';
import { STAGE_KEYS } from '../../lib/i18n/labels';
import type { Action, Relationship } from '../../lib/schema';
import { agreementLine, goalProgressText } from './RelationshipHeader';

/**
 * The session that is coming on this call page, before the user joins: who, the agreement in a
 * line, the open goals, the agenda it will start with and the actions still open from last time,
 * so the mentor prepares in the minute before joining. Nothing is written.
 */
export function ComingSession({ url }: { url: string }) {
  const { t } = useT();
  const coming = useComingSession(url);
  if (!coming) return null;
  const { relationship, agenda, goals, openActions } = coming;
  const total = agenda.reduce((sum, i) => sum + i.timeboxMin, 0);
  const goalTitle = new Map(goals.map((g) => [g.id, g.title]));
  return (
    <section className="card coming" aria-labelledby="coming-heading" data-testid="coming-session">
      <h2 id="coming-heading">
        {t('sidepanel', relationship.myRole === 'mentor' ? 'comingWithMentee' : 'comingWithMentor', { name: relationship.counterpartName })}
      </h2>
      <p className="muted small">
        {t('common', STAGE_KEYS[coming.stage])} · {agreementLine(t, relationship)}
      </p>

      <h3>{t('sidepanel', 'openGoals')}</h3>
      {goals.length > 0 ? (
        <ul className="goals">
          {goals.map((g) => (
            <li key={g.id}>
              <span>{g.title}</span>
              <span className="muted small">{goalProgressText(t, g)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('sidepanel', 'noOpenGoals')}</p>
      )}

      <h3>
        {t('sidepanel', coming.prepared ? 'comingAgendaPrepared' : 'comingAgendaDrafted', { n: total, planned: coming.plannedLengthMin })}
      </h3>
      {total > coming.plannedLengthMin && (
        <p className="banner warn small">{t('sidepanel', 'comingAgendaTooLong', { n: total, planned: coming.plannedLengthMin })}</p>
      )}
      <ol className="coming-agenda">
        {agenda.map((item) => (
          <li key={item.id}>
            {item.title} <span className="muted small">{t('common', 'minutes', { n: item.timeboxMin })}</span>
            {item.goalIds.some((id) => goalTitle.has(id)) && (
              <span className="muted small">
                {' '}
                · {t('sidepanel', 'serves')}{' '}
                {item.goalIds
                  .map((id) => goalTitle.get(id))
                  .filter(Boolean)
                  .join(', ')}
              </span>
            )}
          </li>
        ))}
      </ol>

      <ComingActions actions={openActions} relationship={relationship} />
    </section>
  );
}

/** The actions still open from the last sessions: what, whose, by when. */
function ComingActions({ actions, relationship }: { actions: readonly Action[]; relationship: Relationship }) {
  const { t, language } = useT();
  const owner = (o: 'mentor' | 'mentee') => (o === relationship.myRole ? t('sidepanel', 'comingOwnerYou') : relationship.counterpartName);
  return (
    <>
      <h3>{t('sidepanel', 'comingActions')}</h3>
      {actions.length > 0 ? (
        <ul className="coming-actions">
          {actions.map((a) => (
            <li key={a.id}>
              {a.text}{' '}
              <span className="muted small">
                {t('sidepanel', 'comingActionMeta', { owner: owner(a.owner), date: formatDateOnly(a.dueDate, language, 'day') })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('sidepanel', 'comingNoActions')}</p>
      )}
    </>
  );
}
