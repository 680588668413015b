import { Fragment } from 'react';
import { GOAL_STATUSES } from '../../lib/i18n/labels';
import type { Goal } from '../../lib/schema';
import { Field, Options } from '../Field';
import { goalFieldSync } from '../../lib/mentoring/goal-status';
import type { NoteSection } from './note-fields';

/** Progress of each goal the note speaks of: the session's own goals first, then the others. */
export function NoteGoals({
  section,
  goalIds,
  linked,
  goals,
}: {
  section: NoteSection;
  goalIds: string[];
  linked: ReadonlySet<string>;
  goals: readonly Goal[];
}) {
  const { t } = section;
  const goalsById = new Map(goals.map((g) => [g.id, g]));
  return (
    <fieldset>
      <legend>{t('note', 'goalsHeading')}</legend>
      {goalIds.length === 0 ? (
        <p className="muted">{t('note', 'goalsNone')}</p>
      ) : (
        <>
          <p className="hint">
            {t('note', 'goalsHint')} {t('note', 'goalStatusRule')}
          </p>
          {goalIds.map((goalId, i) => (
            <Fragment key={goalId}>
              {!linked.has(goalId) && (i === 0 || linked.has(goalIds[i - 1]!)) && <p className="hint">{t('note', 'goalsOther')}</p>}
              <GoalUpdate section={section} i={i} title={goalsById.get(goalId)?.title ?? '—'} />
            </Fragment>
          ))}
        </>
      )}
    </fieldset>
  );
}

function GoalUpdate({ section, i, title }: { section: NoteSection; i: number; title: string }) {
  const { form, id, t } = section;
  const { register } = form;
  const errors = form.formState.errors.goalUpdates?.[i];
  const sync = goalFieldSync(
    () => form.getValues(`goalUpdates.${i}.status`),
    (status) => form.setValue(`goalUpdates.${i}.status`, status),
    (progress) => form.setValue(`goalUpdates.${i}.progress`, progress),
  );
  return (
    <fieldset>
      <legend>{title}</legend>
      <div className="note-grid">
        <Field id={id(`goal-${i}-status`)} label={t('note', 'goalStatus')}>
          {(aria) => (
            <select {...aria} {...register(`goalUpdates.${i}.status`, { onChange: sync.onStatusChange })}>
              <Options values={GOAL_STATUSES} label={(s) => t('note', `goalStatus.${s}`)} />
            </select>
          )}
        </Field>
        <Field id={id(`goal-${i}-progress`)} label={t('note', 'goalProgress')} error={errors?.progress}>
          {(aria) => (
            <input
              {...aria}
              type="number"
              min={0}
              max={100}
              step={5}
              {...register(`goalUpdates.${i}.progress`, { valueAsNumber: true, onChange: sync.onProgressChange })}
            />
          )}
        </Field>
      </div>
      <Field id={id(`goal-${i}-comment`)} label={t('note', 'goalComment')} error={errors?.comment}>
        {(aria) => <input {...aria} type="text" spellCheck={false} {...register(`goalUpdates.${i}.comment`)} />}
      </Field>
    </fieldset>
  );
}
