import type { PopupTranslator } from '../../lib/i18n/popup';
import type { GoalMove } from '../../lib/summary/week';

// Not lib/i18n/labels.ts: that module loads the schemas (zod), which the popup's first view does without.
const STATUS_KEY = {
  achieved: 'goalStatusAchieved',
  dropped: 'goalStatusDropped',
  'in-progress': 'goalStatusInProgress',
  'not-started': 'goalStatusNotStarted',
} as const;

/** Goals whose progress or status changed in the week, from the notes written. */
export function GoalsMoved({ goals, t }: { goals: readonly GoalMove[]; t: PopupTranslator }) {
  return (
    <section aria-labelledby="goals-heading" className="section">
      <h2 id="goals-heading">{t('popup', 'goalsHeading')}</h2>
      <ul className="plain-list" data-testid="goals-moved">
        {goals.map((g) => (
          <li key={g.goalId} className="goal">
            <div className="row spread">
              <strong>{g.title}</strong>
              <span className="goal-delta">
                {t('popup', 'goalMoved', { from: g.from, to: g.to })}
                {g.status === 'achieved' || g.status === 'dropped' ? (
                  <span className={`tag ${g.status === 'achieved' ? 'ok' : ''}`}>{t('popup', STATUS_KEY[g.status])}</span>
                ) : null}
              </span>
            </div>
            <progress max={100} value={g.to} aria-label={`${g.title}: ${g.to} %`} />
            <p className="small muted goal-comment">
              {g.relationshipName}
              {g.comment ? ` · ${g.comment}` : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
