import { subDays } from 'date-fns';
import { cadenceState, heldSessions, plannedVsHeld } from '../../lib/mentoring/cadence';
import { useT } from '../../lib/hooks/use-settings';
import type { Relationship, Session } from '../../lib/schema';
import { formatLongDate } from '../../lib/format/date';

/** The suggested next meeting from the cadence plan and the last session, and whether the plan is kept. */
export function CadencePanel({
  relationship,
  sessions,
  now = new Date(),
}: {
  relationship: Relationship;
  sessions: readonly Session[];
  now?: Date;
}) {
  const { t, language } = useT();
  const { state, dueDate, daysLate } = cadenceState(relationship, sessions, now);
  const held = heldSessions(sessions).length;
  const last90 = plannedVsHeld(relationship, sessions, subDays(now, 90), now);
  const { earlyEveryDays, earlyMeetings, laterEveryDays } = relationship.cadence;
  const stateText = {
    'not-started': t('options', 'cadenceNotStarted'),
    kept: t('options', 'cadenceKept'),
    slipping: t('options', 'cadenceSlipping', { days: daysLate }),
    missed: t('options', 'cadenceMissed', { days: daysLate }),
  }[state];
  const active = relationship.status === 'active';

  return (
    <section className="card" aria-labelledby="cadence-title">
      <h3 id="cadence-title">{t('options', 'cadenceTitle')}</h3>
      {active ? (
        <p className="next-meeting" data-testid="next-meeting">
          {t('options', 'nextMeetingSuggested')} <strong>{formatLongDate(dueDate, language)}</strong>
        </p>
      ) : (
        <p className="muted">{t('options', 'cadenceInactive')}</p>
      )}
      {active && <p className={`cadence-state cadence-${state}`}>{stateText}</p>}
      <p className="muted">
        {t('options', 'cadencePlan', { early: earlyMeetings, earlyDays: earlyEveryDays, laterDays: laterEveryDays })}{' '}
        {t('options', 'cadenceHeld', { held, planned: last90.planned, held90: last90.held })}
      </p>
    </section>
  );
}
