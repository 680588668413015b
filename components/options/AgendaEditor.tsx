import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { updateRelationship, type RelationshipHistory } from '../../lib/db/relationships';
import { useT } from '../../lib/hooks/use-settings';
import { draftNextAgenda } from '../../lib/mentoring/agenda';
import { newId, type AgendaItem } from '../../lib/schema';
import { FieldError, invalidProps } from './fields';
import { AgendaFormSchema, type AgendaFormValues } from './form-schemas';
import { STAGE_KEYS } from './labels';

function toValues(items: readonly AgendaItem[]): AgendaFormValues {
  return { items: items.map((i) => ({ id: i.id, title: i.title, timeboxMin: i.timeboxMin, goalId: i.goalIds[0] ?? '' })) };
}

/**
 * The next session's agenda, drafted from the stage, the open actions and the goals, edited here
 * before the call and stored on the relationship so the side panel starts the call with it.
 */
export function AgendaEditor({ history }: { history: RelationshipHistory }) {
  const { t } = useT();
  const { relationship, goals } = history;
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const draft = () =>
    draftNextAgenda(history, {
      followUp: (list) => t('options', 'agendaFollowUp', { list }),
      goal: (title) => t('options', 'agendaGoal', { title }),
    });
  const { stage } = draft();
  const saved = relationship.nextAgenda;

  const {
    register,
    control,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<AgendaFormValues>({ resolver: zodResolver(AgendaFormSchema), defaultValues: toValues(saved ?? []) });
  const { fields, append, remove, move } = useFieldArray({ control, name: 'items', keyName: 'key' });
  const typed = useWatch({ control, name: 'items' });

  const startEditing = (items: readonly AgendaItem[]) => {
    reset(toValues(items));
    setEditing(true);
    setStatus(null);
  };

  const onSubmit = async (v: AgendaFormValues) => {
    setError(null);
    const previous = new Map((saved ?? []).map((i) => [i.id, i]));
    const items: AgendaItem[] = v.items.map((i) => ({
      id: i.id,
      title: i.title.replace(/\s*\r?\n\s*/g, ' ').trim(),
      timeboxMin: i.timeboxMin,
      goalIds: i.goalId ? [i.goalId] : [],
      done: previous.get(i.id)?.done ?? false,
      spentMs: previous.get(i.id)?.spentMs ?? 0,
    }));
    try {
      await updateRelationship(relationship.id, { nextAgenda: items });
      setEditing(false);
      setStatus(t('options', 'agendaSaved'));
    } catch (e) {
      setError(t('options', 'saveFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  };

  const clear = async () => {
    await updateRelationship(relationship.id, { nextAgenda: null });
    setStatus(t('options', 'agendaCleared'));
  };

  const total = (saved ?? []).reduce((a, i) => a + i.timeboxMin, 0);
  const usual = relationship.agreement.usualLengthMin;
  const typedTotal = (typed ?? []).reduce((a, i) => a + (Number.isFinite(i.timeboxMin) ? i.timeboxMin : 0), 0);
  /** An agenda longer than the meeting is a warning, not small print. */
  const tooLong = (n: number) =>
    n > usual && (
      <p className="banner warn" role="status" data-testid="agenda-too-long">
        {t('options', 'agendaTooLong', { n, usual, over: n - usual })}
      </p>
    );
  const goalTitle = new Map(goals.map((g) => [g.id, g.title]));

  return (
    <section className="card" aria-labelledby="agenda-title">
      <h3 id="agenda-title">{t('options', 'agendaTitle')}</h3>
      <p className="muted">{t('options', 'agendaStage', { stage: t('common', STAGE_KEYS[stage]) })}</p>
      {!editing && saved && (
        <>
          <ol className="agenda">
            {saved.map((i) => (
              <li key={i.id}>
                {i.title} <span className="muted">({t('common', 'minutes', { n: i.timeboxMin })})</span>
                {i.goalIds.map(
                  (g) =>
                    goalTitle.get(g) && (
                      <span className="tag" key={g}>
                        {goalTitle.get(g)}
                      </span>
                    ),
                )}
              </li>
            ))}
          </ol>
          {tooLong(total) || <p className="muted">{t('options', 'agendaTotal', { n: total, usual })}</p>}
        </>
      )}
      {!editing && !saved && <p className="muted">{t('options', 'agendaNone')}</p>}
      {!editing && (
        <div className="row">
          <button type="button" onClick={() => startEditing(draft().items)}>
            {saved ? t('options', 'agendaRedraft') : t('options', 'agendaDraft')}
          </button>
          {saved && (
            <button type="button" onClick={() => startEditing(saved)}>
              {t('common', 'edit')}
            </button>
          )}
          {saved && (
            <button type="button" onClick={() => void clear()}>
              {t('options', 'agendaClear')}
            </button>
          )}
        </div>
      )}
      {editing && (
        <form onSubmit={(event) => void handleSubmit(onSubmit)(event)} noValidate aria-label={t('options', 'agendaTitle')}>
          <ol className="agenda-edit">
            {fields.map((f, index) => {
              const e = errors.items?.[index];
              const id = (name: string) => `agenda-${index}-${name}`;
              return (
                <li key={f.key} className="agenda-row">
                  <div className="field agenda-title">
                    <label htmlFor={id('title')}>{t('options', 'agendaItem', { n: index + 1 })}</label>
                    {/* A textarea that grows with the title, so a long one is read whole, never cut off; a title is one line, so Enter adds none. */}
                    <textarea
                      rows={1}
                      className="agenda-title-input"
                      spellCheck={false}
                      onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
                      {...register(`items.${index}.title`)}
                      {...invalidProps(id('title'), e?.title)}
                    />
                    <FieldError id={id('title')} error={e?.title} />
                  </div>
                  <div className="field narrow">
                    <label htmlFor={id('min')}>{t('options', 'agendaMinutes')}</label>
                    <input
                      type="number"
                      min={1}
                      max={480}
                      {...register(`items.${index}.timeboxMin`, { valueAsNumber: true })}
                      {...invalidProps(id('min'), e?.timeboxMin)}
                    />
                    <FieldError id={id('min')} error={e?.timeboxMin} />
                  </div>
                  <div className="field">
                    <label htmlFor={id('goal')}>{t('options', 'agendaGoalLink')}</label>
                    <select id={id('goal')} {...register(`items.${index}.goalId`)}>
                      <option value="">{t('options', 'agendaNoGoal')}</option>
                      {goals.map((g) => (
                        <option key={g.id} value={g.id}>
                          {g.title}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="row item-buttons">
                    <button
                      type="button"
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                      aria-label={t('options', 'agendaUp', { n: index + 1 })}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      disabled={index === fields.length - 1}
                      onClick={() => move(index, index + 1)}
                      aria-label={t('options', 'agendaDown', { n: index + 1 })}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="danger"
                      onClick={() => remove(index)}
                      aria-label={t('options', 'agendaRemove', { n: index + 1 })}
                    >
                      ✕
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          {tooLong(typedTotal)}
          <div className="row">
            <button type="button" onClick={() => append({ id: newId(), title: '', timeboxMin: 5, goalId: '' })}>
              {t('options', 'agendaAdd')}
            </button>
            <button type="submit" className="primary" disabled={isSubmitting}>
              {t('options', 'agendaSave')}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t('common', 'cancel')}
            </button>
          </div>
          {error && (
            <p className="banner error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
      <p role="status" className="muted">
        {status}
      </p>
    </section>
  );
}
