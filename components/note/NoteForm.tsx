import { zodResolver } from '@hookform/resolvers/zod';
import { Fragment, useId, useState, type ReactNode } from 'react';
import { useFieldArray, useForm, useWatch, type Control, type FieldError, type Resolver, type UseFormRegister } from 'react-hook-form';
import { saveNote, skipNote } from '../../lib/db/notes';
import { intervalDays, heldSessions } from '../../lib/mentoring/cadence';
import { useNoteDraftAutosave, type DraftState } from '../../lib/hooks/use-note-draft';
import { useSettings, useT } from '../../lib/hooks/use-settings';
import type { NoteContext } from '../../lib/notes/context';
import { goalsForNote, goalUpdatesToSave, linkedGoalIds, preferredWay, sessionFacts, suggestedNextMeetingAt } from '../../lib/notes/facts';
import {
  FORM_ERRORS,
  MAX_SUMMARY,
  REFLECTION_KEYS,
  initialValues,
  localDate,
  newActionRow,
  noteFormSchema,
  restoreDraft,
  toSaveInput,
  type FormError,
  type NoteFormOutput,
  type NoteFormValues,
} from '../../lib/notes/form';
import type { Translator } from '../../lib/i18n';
import type { GoalStatus, Note, WayOfMeeting } from '../../lib/schema';
import { SessionFacts, wayKey } from './SessionFacts';
import { formatCount, formatTime } from './format';

type Ready = Extract<NoteContext, { kind: 'ready' }>;

const GOAL_STATUSES: readonly GoalStatus[] = ['not-started', 'in-progress', 'achieved', 'dropped'];
const WAYS: readonly WayOfMeeting[] = ['video', 'phone', 'face-to-face', 'email'];
const RATINGS = ['1', '2', '3', '4', '5'] as const;

/** The words for a validation message key (see FORM_ERRORS); anything else gets a generic line. */
function errorText(t: Translator, error: FieldError | undefined, vars?: Record<string, string | number>): string | undefined {
  if (!error) return undefined;
  const key = error.message as FormError | undefined;
  return key && (FORM_ERRORS as readonly string[]).includes(key) ? t('note', `err.${key}`, vars) : t('note', 'err.generic');
}

function storageMessage(t: Translator, error: unknown): string {
  const e = error as { name?: string; inner?: { name?: string }; message?: string } | null;
  if (e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError') return t('common', 'storageFull');
  return e?.message ?? String(error);
}

/*
 * Free-text fields have spellCheck off: Chrome's "enhanced spell check" sends what is typed to
 * Google, and even the basic one fetches dictionaries over the network. Notes are confidential
 * and Rapport sends nothing anywhere.
 */

/** A field's label, input, hint and error, wired together for screen readers. */
function Field(props: { id: string; label: string; hint?: string; error?: string; children: (aria: AriaProps) => ReactNode }) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      )}
      {props.children({ id: props.id, 'aria-invalid': props.error ? true : undefined, 'aria-describedby': describedBy })}
      {props.error && (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}
type AriaProps = { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };

export type SavedOutcome = { note: Note; actions: number; goals: number };

/**
 * The note form for one session whose relationship is known: prefilled from the session (or
 * the saved note, or the draft), saved as a draft on every change, validated before saving.
 */
export function NoteForm({ ctx, onSaved, onSkipped }: { ctx: Ready; onSaved: (outcome: SavedOutcome) => void; onSkipped: () => void }) {
  const { t, language } = useT();
  const settings = useSettings();
  const uid = useId();
  const editing = ctx.note !== null;
  const { session, relationship } = ctx;

  // The starting values are fixed when the form opens; later changes to the stored records
  // (another window, the draft being written) must not reset what the user is typing.
  const [start] = useState(() => {
    const goals = goalsForNote(session, ctx.goals, ctx.note);
    const defaults = initialValues({
      goals,
      nextMeetingAt: suggestedNextMeetingAt(relationship, ctx.sessions, session),
      way: preferredWay(relationship, session),
      note: ctx.note,
      noteActions: ctx.noteActions,
    });
    return {
      goalIds: goals.map((g) => g.id),
      linked: linkedGoalIds(session, ctx.note),
      values: ctx.draft ? restoreDraft(defaults, ctx.draft.values) : defaults,
      restoredAt: ctx.draft?.updatedAt ?? null,
    };
  });

  // "Today" and "now" are taken when the form validates, not when it opened.
  const resolver: Resolver<NoteFormValues, unknown, NoteFormOutput> = (values, context, options) =>
    // The form holds ratings as plain strings; the schema narrows them, so the input types differ.
    (
      zodResolver(noteFormSchema({ today: localDate(), now: Date.now(), editing })) as unknown as Resolver<
        NoteFormValues,
        unknown,
        NoteFormOutput
      >
    )(values, context, options);
  const form = useForm<NoteFormValues, unknown, NoteFormOutput>({
    defaultValues: start.values,
    resolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const {
    register,
    control,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = form;
  const actions = useFieldArray({ control, name: 'actions', keyName: 'key' });
  const draft = useNoteDraftAutosave(session.id, form);
  const [invalid, setInvalid] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [confirmSkip, setConfirmSkip] = useState(false);
  const [skipError, setSkipError] = useState<string | null>(null);
  const summary = useWatch({ control, name: 'summary' });
  const planned = useWatch({ control, name: 'nextMeeting.planned' });

  const goalsById = new Map(ctx.goals.map((g) => [g.id, g]));
  const facts = sessionFacts(session, relationship, settings);
  const live = session.status === 'live';
  const held = heldSessions(ctx.sessions).length;
  const id = (name: string) => `${uid}-${name}`;

  const onValid = async (values: NoteFormOutput) => {
    setInvalid(false);
    setSaveError(null);
    await draft.pause();
    try {
      const all = toSaveInput(values, session.id, ctx.note?.id ?? null);
      const input = { ...all, goalUpdates: goalUpdatesToSave(all.goalUpdates, ctx.goals, start.linked) };
      const note = await saveNote(input);
      onSaved({ note, actions: input.actions.length, goals: input.goalUpdates.length });
    } catch (error) {
      setSaveError(storageMessage(t, error));
      draft.resume();
    }
  };

  const skip = async () => {
    setSkipError(null);
    await draft.pause();
    try {
      await skipNote(session.id);
      onSkipped();
    } catch (error) {
      setSkipError(storageMessage(t, error));
      draft.resume();
    }
  };

  return (
    <form
      noValidate
      aria-label={t('note', 'heading', { name: relationship.counterpartName })}
      onSubmit={(e) => void handleSubmit(onValid, () => setInvalid(true))(e)}
    >
      {start.restoredAt !== null && (
        <p className="banner info" role="status">
          {t('note', 'draftRestored', { time: formatTime(start.restoredAt, language) })}
        </p>
      )}
      {live && <p className="banner warn">{t('note', 'stillLive')}</p>}

      <SessionFacts session={session} relationship={relationship} facts={facts} />

      <Field
        id={id('summary')}
        label={t('note', 'summaryLabel')}
        hint={t('note', 'summaryHint')}
        error={errorText(t, errors.summary, { n: formatCount(summary.length, language) })}
      >
        {(aria) => <textarea {...aria} spellCheck={false} rows={4} {...register('summary')} />}
      </Field>
      <p className={summary.length > MAX_SUMMARY ? 'field-error' : 'hint'} aria-live="polite" style={{ marginTop: -8 }}>
        {t('note', 'charCount', { n: formatCount(summary.length, language), max: formatCount(MAX_SUMMARY, language) })}
      </p>

      <fieldset>
        <legend>{t('note', 'goalsHeading')}</legend>
        {start.goalIds.length === 0 ? (
          <p className="muted">{t('note', 'goalsNone')}</p>
        ) : (
          <>
            <p className="hint">
              {t('note', 'goalsHint')} {t('note', 'goalStatusRule')}
            </p>
            {start.goalIds.map((goalId, i) => (
              <Fragment key={goalId}>
                {!start.linked.has(goalId) && (i === 0 || start.linked.has(start.goalIds[i - 1]!)) && (
                  <p className="hint">{t('note', 'goalsOther')}</p>
                )}
                <fieldset>
                  <legend>{goalsById.get(goalId)?.title ?? '—'}</legend>
                  <div className="note-grid">
                    <Field id={id(`goal-${i}-status`)} label={t('note', 'goalStatus')}>
                      {(aria) => (
                        <select
                          {...aria}
                          {...register(`goalUpdates.${i}.status`, {
                            // "Not started" means no progress yet.
                            onChange: (e: { target: { value: string } }) => {
                              if (e.target.value === 'not-started') form.setValue(`goalUpdates.${i}.progress`, 0);
                            },
                          })}
                        >
                          {GOAL_STATUSES.map((s) => (
                            <option key={s} value={s}>
                              {t('note', `goalStatus.${s}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <Field
                      id={id(`goal-${i}-progress`)}
                      label={t('note', 'goalProgress')}
                      error={errorText(t, errors.goalUpdates?.[i]?.progress)}
                    >
                      {(aria) => (
                        <input
                          {...aria}
                          type="number"
                          min={0}
                          max={100}
                          step={5}
                          {...register(`goalUpdates.${i}.progress`, {
                            valueAsNumber: true,
                            // Progress above 0 moves a goal out of "not started"; saveNote does the same.
                            onChange: (e: { target: { value: string } }) => {
                              if (Number(e.target.value) > 0 && form.getValues(`goalUpdates.${i}.status`) === 'not-started')
                                form.setValue(`goalUpdates.${i}.status`, 'in-progress');
                            },
                          })}
                        />
                      )}
                    </Field>
                  </div>
                  <Field
                    id={id(`goal-${i}-comment`)}
                    label={t('note', 'goalComment')}
                    error={errorText(t, errors.goalUpdates?.[i]?.comment)}
                  >
                    {(aria) => <input {...aria} type="text" spellCheck={false} {...register(`goalUpdates.${i}.comment`)} />}
                  </Field>
                </fieldset>
              </Fragment>
            ))}
          </>
        )}
      </fieldset>

      <Field id={id('went-well')} label={t('note', 'wentWellLabel')} error={errorText(t, errors.wentWell)}>
        {(aria) => <textarea {...aria} spellCheck={false} rows={2} {...register('wentWell')} />}
      </Field>
      <Field id={id('do-differently')} label={t('note', 'doDifferentlyLabel')} error={errorText(t, errors.doDifferently)}>
        {(aria) => <textarea {...aria} spellCheck={false} rows={2} {...register('doDifferently')} />}
      </Field>

      <fieldset>
        <legend>{t('note', 'actionsHeading')}</legend>
        {actions.fields.length === 0 && <p className="muted">{t('note', 'actionsNone')}</p>}
        {actions.fields.map((field, i) => (
          <fieldset key={field.key}>
            <legend>{t('note', 'actionLegend', { n: i + 1 })}</legend>
            <Field id={id(`action-${i}-text`)} label={t('note', 'actionText')} error={errorText(t, errors.actions?.[i]?.text)}>
              {(aria) => <input {...aria} type="text" spellCheck={false} {...register(`actions.${i}.text`)} />}
            </Field>
            <div className="note-grid">
              <Field id={id(`action-${i}-owner`)} label={t('note', 'actionOwner')}>
                {(aria) => (
                  <select {...aria} {...register(`actions.${i}.owner`)}>
                    <option value="mentee">{ownerName(t, 'mentee', relationship)}</option>
                    <option value="mentor">{ownerName(t, 'mentor', relationship)}</option>
                  </select>
                )}
              </Field>
              <Field id={id(`action-${i}-due`)} label={t('note', 'actionDue')} error={errorText(t, errors.actions?.[i]?.dueDate)}>
                {(aria) => <input {...aria} type="date" {...register(`actions.${i}.dueDate`)} />}
              </Field>
            </div>
            <button type="button" className="danger" onClick={() => actions.remove(i)}>
              {t('note', 'removeAction', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        {errors.actions?.root && <p className="field-error">{errorText(t, errors.actions.root)}</p>}
        <button type="button" onClick={() => actions.append(newActionRow(form.getValues(), localDate()), { shouldFocus: true })}>
          {t('note', 'addAction')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('note', 'nextHeading')}</legend>
        <label className="inline">
          <input type="checkbox" {...register('nextMeeting.planned')} />
          {t('note', 'nextPlanned')}
        </label>
        {planned && (
          <>
            {!editing && <p className="hint">{t('note', 'nextSuggested', { days: intervalDays(relationship, held) })}</p>}
            <div className="note-grid">
              <Field id={id('next-date')} label={t('note', 'nextDate')} error={errorText(t, errors.nextMeeting?.date)}>
                {(aria) => <input {...aria} type="date" {...register('nextMeeting.date')} />}
              </Field>
              <Field id={id('next-time')} label={t('note', 'nextTime')} error={errorText(t, errors.nextMeeting?.time)}>
                {(aria) => (
                  <input
                    {...aria}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    maxLength={5}
                    placeholder={t('common', 'timePlaceholder')}
                    {...register('nextMeeting.time')}
                  />
                )}
              </Field>
              <Field id={id('next-way')} label={t('note', 'nextWay')}>
                {(aria) => (
                  <select {...aria} {...register('nextMeeting.way')}>
                    {WAYS.map((w) => (
                      <option key={w} value={w}>
                        {t('common', wayKey(w))}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </>
        )}
      </fieldset>

      <RatingGroup control={control} register={register} t={t} uid={uid} error={errorText(t, errors.rapportRating)} />

      <details className="card note-details" open={hasReflection(start.values)}>
        <summary>{t('note', 'reflectionSummary')}</summary>
        <p className="hint">{t('note', 'reflectionHint')}</p>
        <div className="note-grid">
          {REFLECTION_KEYS.map((k) => (
            <Field key={k} id={id(`reflection-${k}`)} label={t('note', `reflection.${k}`)}>
              {(aria) => (
                <select {...aria} {...register(`reflection.${k}`)}>
                  <option value="">{t('note', 'notRated')}</option>
                  {RATINGS.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </div>
        <Field id={id('reflection-text')} label={t('note', 'reflectionText')} error={errorText(t, errors.reflection?.text)}>
          {(aria) => <textarea {...aria} spellCheck={false} rows={2} {...register('reflection.text')} />}
        </Field>
      </details>

      <div className="field">
        <label className="inline">
          <input type="checkbox" {...register('private')} />
          {t('note', 'privateLabel')}
        </label>
      </div>

      <div className="note-actions-bar">
        {/* Problems and the skip question sit by the buttons, so they stay in view while scrolling. */}
        <div className="note-bar-messages">
          <DraftProblem state={draft.state} t={t} />
          {invalid && Object.keys(errors).length > 0 && (
            <p className="banner error" role="alert">
              {t('note', 'formHasErrors')}
            </p>
          )}
          {saveError && (
            <p className="banner error" role="alert">
              {t('note', 'saveFailed', { error: saveError })}
            </p>
          )}
          {skipError && (
            <p className="banner error" role="alert">
              {t('note', 'skipFailed', { error: skipError })}
            </p>
          )}
          {confirmSkip && (
            <div className="banner warn" role="alertdialog" aria-labelledby={id('skip-q')}>
              <p id={id('skip-q')}>{t('note', 'skipConfirm')}</p>
              <div className="row">
                <button type="button" className="danger" onClick={() => void skip()}>
                  {t('note', 'skipYes')}
                </button>
                {/* The safe answer has the focus: Enter by habit must not throw the draft away. */}
                <button type="button" onClick={() => setConfirmSkip(false)} autoFocus>
                  {t('note', 'skipNo')}
                </button>
              </div>
            </div>
          )}
        </div>
        <button type="submit" className="primary" disabled={isSubmitting || live}>
          {isSubmitting ? t('note', 'saving') : t('note', editing ? 'saveChanges' : 'save')}
        </button>
        {!editing && !confirmSkip && (
          <button type="button" onClick={() => setConfirmSkip(true)}>
            {t('note', 'skip')}
          </button>
        )}
        <DraftStatus state={draft.state} t={t} />
      </div>
    </form>
  );
}

function hasReflection(values: NoteFormValues): boolean {
  return REFLECTION_KEYS.some((k) => values.reflection[k] !== '') || values.reflection.text !== '';
}

function ownerName(t: Translator, role: 'mentor' | 'mentee', relationship: Ready['relationship']): string {
  const label = t('common', role);
  return role === relationship.myRole ? label : `${label} (${relationship.counterpartName})`;
}

function RatingGroup(props: {
  control: Control<NoteFormValues, unknown, NoteFormOutput>;
  register: UseFormRegister<NoteFormValues>;
  t: Translator;
  uid: string;
  error?: string;
}) {
  const { t, register, uid } = props;
  const hintId = `${uid}-rating-hint`;
  return (
    <fieldset aria-describedby={hintId}>
      <legend>{t('note', 'ratingLegend')}</legend>
      <p id={hintId} className="hint">
        {t('note', 'ratingHint')}
      </p>
      <div className="note-rating">
        {RATINGS.map((r) => (
          <label key={r} className="inline">
            <input type="radio" value={r} {...register('rapportRating')} />
            {r}
          </label>
        ))}
        <label className="inline">
          <input type="radio" value="" {...register('rapportRating')} />
          {t('note', 'ratingNone')}
        </label>
      </div>
      {props.error && <p className="field-error">{props.error}</p>}
    </fieldset>
  );
}

function DraftStatus({ state, t }: { state: DraftState; t: Translator }) {
  const text = state.status === 'saving' ? t('note', 'draftSaving') : state.status === 'saved' ? t('note', 'draftSaved') : '';
  return (
    <span className="note-draft-status muted" role="status">
      {text}
    </span>
  );
}

function DraftProblem({ state, t }: { state: DraftState; t: Translator }) {
  if (state.status !== 'failed') return null;
  return (
    <p className="banner error" role="alert">
      {t('note', 'draftFailed', { error: state.error })}
    </p>
  );
}
