import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch, type UseFormReturn } from 'react-hook-form';
import { updateRelationship, type RelationshipHistory } from '../../lib/db/relationships';
import { useT } from '../../lib/hooks/use-settings';
import { draftNextAgenda } from '../../lib/mentoring/agenda';
import { newId, type AgendaItem, type Goal, type Relationship } from '../../lib/schema';
import { Field } from '../Field';
import { AgendaFormSchema, type AgendaFormValues } from './form-schemas';
import { STAGE_KEYS } from '../../lib/i18n/labels';

function toValues(items: readonly AgendaItem[]): AgendaFormValues {
  return { items: items.map((i) => ({ id: i.id, title: i.title, timeboxMin: i.timeboxMin, goalId: i.goalIds[0] ?? '' })) };
}

/** The typed items as stored, keeping what a saved item already had of the session (done, time spent). */
function toItems(v: AgendaFormValues, saved: readonly AgendaItem[] | null): AgendaItem[] {
  const previous = new Map((saved ?? []).map((i) => [i.id, i]));
  return v.items.map((i) => ({
    id: i.id,
    title: i.title.replace(/\s*\r?\n\s*/g, ' ').trim(),
    timeboxMin: i.timeboxMin,
    goalIds: i.goalId ? [i.goalId] : [],
    done: previous.get(i.id)?.done ?? false,
    spentMs: previous.get(i.id)?.spentMs ?? 0,
  }));
}

/**
 * The next session's agenda, drafted from the stage, the open actions and the goals, edited here
 * before the call and stored on the relationship so the side panel starts the call with it.
 */
export function AgendaEditor({ history }: { history: RelationshipHistory }) {
  const { t } = useT();
  const { relationship, goals } = history;
  /** The items the form opened with, or null while not editing. */
  const [editing, setEditing] = useState<readonly AgendaItem[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const draft = () =>
    draftNextAgenda(history, {
      followUp: (list) => t('options', 'agendaFollowUp', { list }),
      goal: (title) => t('options', 'agendaGoal', { title }),
    });
  const { stage } = draft();
  const saved = relationship.nextAgenda;

  const startEditing = (items: readonly AgendaItem[]) => {
    setEditing(items);
    setStatus(null);
  };
  const clear = async () => {
    await updateRelationship(relationship.id, { nextAgenda: null });
    setStatus(t('options', 'agendaCleared'));
  };

  return (
    <section className="card" aria-labelledby="agenda-title">
      <h3 id="agenda-title">{t('options', 'agendaTitle')}</h3>
      <p className="muted">{t('options', 'agendaStage', { stage: t('common', STAGE_KEYS[stage]) })}</p>
      {!editing && saved && <SavedAgenda items={saved} goals={goals} usual={relationship.agreement.usualLengthMin} />}
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
        <AgendaForm
          relationship={relationship}
          goals={goals}
          start={editing}
          onSaved={() => {
            setEditing(null);
            setStatus(t('options', 'agendaSaved'));
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <p role="status" className="muted">
        {status}
      </p>
    </section>
  );
}

/** An agenda longer than the meeting is a warning, not small print. */
function TooLong({ n, usual }: { n: number; usual: number }) {
  const { t } = useT();
  return (
    <p className="banner warn" role="status" data-testid="agenda-too-long">
      {t('options', 'agendaTooLong', { n, usual, over: n - usual })}
    </p>
  );
}

function SavedAgenda({ items, goals, usual }: { items: readonly AgendaItem[]; goals: readonly Goal[]; usual: number }) {
  const { t } = useT();
  const goalTitle = new Map(goals.map((g) => [g.id, g.title]));
  const total = items.reduce((a, i) => a + i.timeboxMin, 0);
  return (
    <>
      <ol className="agenda">
        {items.map((i) => (
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
      {total > usual ? <TooLong n={total} usual={usual} /> : <p className="muted">{t('options', 'agendaTotal', { n: total, usual })}</p>}
    </>
  );
}

type FormProps = {
  relationship: Relationship;
  goals: readonly Goal[];
  start: readonly AgendaItem[];
  onSaved: () => void;
  onCancel: () => void;
};

function AgendaForm({ relationship, goals, start, onSaved, onCancel }: FormProps) {
  const { t } = useT();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<AgendaFormValues>({ resolver: zodResolver(AgendaFormSchema), defaultValues: toValues(start) });
  const { fields, append, remove, move } = useFieldArray({ control: form.control, name: 'items', keyName: 'key' });
  const typed = useWatch({ control: form.control, name: 'items' });
  const typedTotal = (typed ?? []).reduce((a, i) => a + (Number.isFinite(i.timeboxMin) ? i.timeboxMin : 0), 0);
  const usual = relationship.agreement.usualLengthMin;

  const onSubmit = async (v: AgendaFormValues) => {
    setError(null);
    try {
      await updateRelationship(relationship.id, { nextAgenda: toItems(v, relationship.nextAgenda) });
      onSaved();
    } catch (e) {
      setError(t('options', 'saveFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <form onSubmit={(event) => void form.handleSubmit(onSubmit)(event)} noValidate aria-label={t('options', 'agendaTitle')}>
      <ol className="agenda-edit">
        {fields.map((f, index) => (
          <AgendaRow key={f.key} form={form} goals={goals} index={index} count={fields.length} move={move} remove={remove} />
        ))}
      </ol>
      {typedTotal > usual && <TooLong n={typedTotal} usual={usual} />}
      <div className="row">
        <button type="button" onClick={() => append({ id: newId(), title: '', timeboxMin: 5, goalId: '' })}>
          {t('options', 'agendaAdd')}
        </button>
        <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
          {t('options', 'agendaSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common', 'cancel')}
        </button>
      </div>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

type RowProps = {
  form: UseFormReturn<AgendaFormValues>;
  goals: readonly Goal[];
  index: number;
  count: number;
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
};

function AgendaRow({ form, goals, index, count, move, remove }: RowProps) {
  const { t } = useT();
  const { register } = form;
  const e = form.formState.errors.items?.[index];
  const id = (name: string) => `agenda-${index}-${name}`;
  return (
    <li className="agenda-row">
      <Field id={id('title')} label={t('options', 'agendaItem', { n: index + 1 })} error={e?.title} className="agenda-title">
        {/* A textarea that grows with the title, so a long one is read whole, never cut off; a title is one line, so Enter adds none. */}
        {(aria) => (
          <textarea
            {...aria}
            rows={1}
            className="agenda-title-input"
            spellCheck={false}
            onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
            {...register(`items.${index}.title`)}
          />
        )}
      </Field>
      <Field id={id('min')} label={t('options', 'agendaMinutes')} error={e?.timeboxMin} className="narrow">
        {(aria) => <input {...aria} type="number" min={1} max={480} {...register(`items.${index}.timeboxMin`, { valueAsNumber: true })} />}
      </Field>
      <Field id={id('goal')} label={t('options', 'agendaGoalLink')}>
        {(aria) => (
          <select {...aria} {...register(`items.${index}.goalId`)}>
            <option value="">{t('options', 'agendaNoGoal')}</option>
            {goals.map((g) => (
              <option key={g.id} value={g.id}>
                {g.title}
              </option>
            ))}
          </select>
        )}
      </Field>
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
          disabled={index === count - 1}
          onClick={() => move(index, index + 1)}
          aria-label={t('options', 'agendaDown', { n: index + 1 })}
        >
          ↓
        </button>
        <button type="button" className="danger" onClick={() => remove(index)} aria-label={t('options', 'agendaRemove', { n: index + 1 })}>
          ✕
        </button>
      </div>
    </li>
  );
}
