import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { addGoal, deleteGoal, updateGoal } from '../../lib/db/goals';
import { useT } from '../../lib/hooks/use-settings';
import type { Goal, Relationship } from '../../lib/schema';
import { Field, Options } from '../Field';
import { GoalFormSchema, type GoalFormValues } from './form-schemas';
import { formatDate } from '../../lib/format/date';
import { fromDateOnly } from '../../lib/schema/date-only';
import { GOAL_STATUS_KEYS, GOAL_STATUSES } from '../../lib/i18n/labels';
import { goalFieldSync, statusForProgress } from '../../lib/mentoring/goal-status';

function toValues(goal: Goal | null, skillGap = ''): GoalFormValues {
  return {
    title: goal?.title ?? '',
    why: goal?.why ?? '',
    measure: goal?.measure ?? '',
    targetDate: goal?.targetDate ?? '',
    skillGap: goal?.skillGap ?? skillGap,
    status: goal?.status ?? 'not-started',
    progress: goal?.progress ?? 0,
  };
}

/** A goal's status and progress, kept consistent as either changes (shown when editing a goal). */
function GoalProgressFields({ form, id }: { form: UseFormReturn<GoalFormValues>; id: (name: string) => string }) {
  const { t } = useT();
  const { register, getValues, setValue } = form;
  const error = form.formState.errors.progress;
  const sync = goalFieldSync(
    () => getValues('status'),
    (status) => setValue('status', status),
    (progress) => setValue('progress', progress),
  );
  return (
    <>
      <Field id={id('status')} label={t('options', 'goalStatus')}>
        {(aria) => (
          <select {...aria} aria-describedby={id('status-rule')} {...register('status', { onChange: sync.onStatusChange })}>
            <Options values={GOAL_STATUSES} label={(s) => t('options', GOAL_STATUS_KEYS[s])} />
          </select>
        )}
      </Field>
      <Field id={id('progress')} label={t('options', 'goalProgress')} error={error}>
        {(aria) => (
          <input
            {...aria}
            type="number"
            min={0}
            max={100}
            {...register('progress', { valueAsNumber: true, onChange: sync.onProgressChange })}
          />
        )}
      </Field>
    </>
  );
}

/** The skills gap a goal closes: one of the development plan's (or the goal's own, if since removed from the plan). */
function SkillGapField({ form, id, gaps }: { form: UseFormReturn<GoalFormValues>; id: string; gaps: readonly string[] }) {
  const { t } = useT();
  return (
    <Field id={id} label={t('options', 'goalSkillGap')} error={form.formState.errors.skillGap}>
      {(aria) => (
        <select {...aria} {...form.register('skillGap')}>
          <option value="">{t('options', 'noSkillGap')}</option>
          <Options values={[...new Set(gaps)]} />
        </select>
      )}
    </Field>
  );
}

/** A SMART-style goal: what, why, how success is measured, by when, and the skills gap it closes. */
function GoalForm({ relationship, goal, onDone }: { relationship: Relationship; goal: Goal | null; onDone: () => void }) {
  const { t } = useT();
  const [saveError, setSaveError] = useState<string | null>(null);
  const prefix = goal ? `goal-${goal.id}` : 'goal-new';
  const form = useForm<GoalFormValues>({
    resolver: zodResolver(GoalFormSchema),
    defaultValues: toValues(goal, relationship.skillsGaps[0] ?? ''),
  });
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = form;

  const onSubmit = async (v: GoalFormValues) => {
    setSaveError(null);
    const fields = { ...v, title: v.title.trim(), targetDate: v.targetDate || null };
    try {
      if (goal) await updateGoal(goal.id, fields);
      else await addGoal({ ...fields, relationshipId: relationship.id });
      if (!goal) reset(toValues(null, v.skillGap));
      onDone();
    } catch (e) {
      setSaveError(t('options', 'saveFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  };

  const id = (name: string) => `${prefix}-${name}`;
  return (
    <form
      className="goal-form"
      onSubmit={(event) => void handleSubmit(onSubmit)(event)}
      noValidate
      aria-label={goal ? t('options', 'editGoal') : t('options', 'addGoal')}
    >
      <Field id={id('title')} label={t('options', 'goalTitle')} error={errors.title}>
        {(aria) => <input {...aria} type="text" spellCheck={false} {...register('title')} />}
      </Field>
      <div className="grid-2">
        <Field id={id('why')} label={t('options', 'goalWhy')} error={errors.why}>
          {(aria) => <textarea {...aria} spellCheck={false} rows={2} {...register('why')} />}
        </Field>
        <Field id={id('measure')} label={t('options', 'goalMeasure')} error={errors.measure}>
          {(aria) => <textarea {...aria} spellCheck={false} rows={2} {...register('measure')} />}
        </Field>
      </div>
      <div className="grid-3">
        <Field id={id('targetDate')} label={t('options', 'goalTargetDate')} error={errors.targetDate}>
          {(aria) => <input {...aria} type="date" {...register('targetDate')} />}
        </Field>
        <SkillGapField form={form} id={id('skillGap')} gaps={[...relationship.skillsGaps, ...(goal?.skillGap ? [goal.skillGap] : [])]} />
        {goal && <GoalProgressFields form={form} id={id} />}
      </div>
      {goal && (
        <p className="hint" id={id('status-rule')}>
          {t('options', 'goalStatusRule')}
        </p>
      )}
      {saveError && (
        <p className="banner error" role="alert">
          {saveError}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {goal ? t('common', 'save') : t('options', 'addGoal')}
        </button>
        {goal && (
          <button type="button" onClick={onDone}>
            {t('common', 'cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function GoalItem({ goal, relationship }: { goal: Goal; relationship: Relationship }) {
  const { t, language } = useT();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  if (editing) return <GoalForm relationship={relationship} goal={goal} onDone={() => setEditing(false)} />;
  const history = [...goal.history].sort((a, b) => b.at - a.at);
  return (
    <div className="goal">
      <div className="row spread">
        <strong>{goal.title}</strong>
        <span className="muted">
          {t('options', GOAL_STATUS_KEYS[statusForProgress(goal.status, goal.progress)])} · {goal.progress} %
          {goal.targetDate && ` · ${t('options', 'goalBy', { date: formatDate(fromDateOnly(goal.targetDate), language) })}`}
        </span>
      </div>
      <progress max={100} value={goal.progress} aria-label={t('options', 'goalProgressOf', { title: goal.title })} />
      {goal.why && (
        <p>
          <span className="muted">{t('options', 'goalWhy')}:</span> {goal.why}
        </p>
      )}
      {goal.measure && (
        <p>
          <span className="muted">{t('options', 'goalMeasure')}:</span> {goal.measure}
        </p>
      )}
      {history.length > 0 && (
        <details>
          <summary>{t('options', 'goalHistory', { n: history.length })}</summary>
          <ul className="plain">
            {history.map((h, i) => (
              <li key={i}>
                {formatDate(h.at, language)}: {t('options', GOAL_STATUS_KEYS[h.status])}, {h.progress} %{h.comment && ` — ${h.comment}`}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="row">
        <button type="button" onClick={() => setEditing(true)} aria-label={t('options', 'editGoalNamed', { title: goal.title })}>
          {t('common', 'edit')}
        </button>
        {confirming ? (
          <>
            <button type="button" className="danger" onClick={() => void deleteGoal(goal.id)}>
              {t('options', 'deleteGoalConfirm', { n: goal.history.length })}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common', 'cancel')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="danger"
            onClick={() => setConfirming(true)}
            aria-label={t('options', 'deleteGoalNamed', { title: goal.title })}
          >
            {t('common', 'delete')}
          </button>
        )}
      </div>
    </div>
  );
}

/** The development plan: goals grouped by the skills gap they close, each with its progress history from notes. */
export function GoalsPanel({ relationship, goals }: { relationship: Relationship; goals: readonly Goal[] }) {
  const { t } = useT();
  const [adding, setAdding] = useState(false);
  const groups = new Map<string, Goal[]>();
  for (const gap of relationship.skillsGaps) groups.set(gap, []);
  for (const g of goals) groups.set(g.skillGap, [...(groups.get(g.skillGap) ?? []), g]);

  return (
    <section className="card" aria-labelledby="goals-title">
      <h3 id="goals-title">{t('options', 'planTitle')}</h3>
      {goals.length === 0 && <p className="muted">{t('options', 'noGoals')}</p>}
      {[...groups.entries()]
        .filter(([gap, list]) => list.length > 0 || gap !== '')
        .map(([gap, list]) => (
          <div className="gap-group" key={gap || '(none)'}>
            <h4>{gap || t('options', 'otherGoals')}</h4>
            {list.length === 0 && <p className="muted">{t('options', 'noGoalsForGap')}</p>}
            {list.map((g) => (
              <GoalItem key={g.id} goal={g} relationship={relationship} />
            ))}
          </div>
        ))}
      {adding ? (
        <div className="card inset">
          <h4>{t('options', 'addGoal')}</h4>
          <GoalForm relationship={relationship} goal={null} onDone={() => setAdding(false)} />
        </div>
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t('options', 'addGoalButton')}
        </button>
      )}
    </section>
  );
}
