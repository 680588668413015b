import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { saveNote, skipNote } from '../../lib/db/notes';
import { intervalDays, heldSessions } from '../../lib/mentoring/cadence';
import { useNoteDraftAutosave } from '../../lib/hooks/use-note-draft';
import { useSettings, useT } from '../../lib/hooks/use-settings';
import type { NoteContext } from '../../lib/notes/context';
import { goalsForNote, goalUpdatesToSave, linkedGoalIds, preferredWay, sessionFacts, suggestedNextMeetingAt } from '../../lib/notes/facts';
import {
  MAX_SUMMARY,
  initialValues,
  localDate,
  noteFormSchema,
  restoreDraft,
  toSaveInput,
  type NoteFormOutput,
  type NoteFormValues,
} from '../../lib/notes/form';
import type { Translator } from '../../lib/i18n';
import type { Note } from '../../lib/schema';
import { NextMeeting } from './NextMeeting';
import { NoteActions } from './NoteActions';
import { NoteFormBar } from './NoteFormBar';
import { NoteGoals } from './NoteGoals';
import { NoteReflection, RatingGroup } from './NoteReflection';
import { SessionFacts } from './SessionFacts';
import { Field } from '../Field';
import { storageMessage, type NoteSection } from './note-fields';
import { formatTime } from '../../lib/format/date';
import { formatCount } from '../../lib/format/number';

type Ready = Extract<NoteContext, { kind: 'ready' }>;

export type SavedOutcome = { note: Note; actions: number; goals: number };

/**
 * The form's starting values, fixed when it opens: the saved note or the session's defaults,
 * with the draft over them. Later changes to the stored records (another window, the draft being
 * written) must not reset what the user is typing.
 */
function startingValues(ctx: Ready) {
  const { session, relationship } = ctx;
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
}

/** The form, validated on submit against the note schema with "today" and "now" taken at that moment. */
function useNoteForm(defaultValues: NoteFormValues, editing: boolean) {
  const resolver: Resolver<NoteFormValues, unknown, NoteFormOutput> = (values, context, options) =>
    // The form holds ratings as plain strings; the schema narrows them, so the input types differ.
    (
      zodResolver(noteFormSchema({ today: localDate(), now: Date.now(), editing })) as unknown as Resolver<
        NoteFormValues,
        unknown,
        NoteFormOutput
      >
    )(values, context, options);
  return useForm<NoteFormValues, unknown, NoteFormOutput>({ defaultValues, resolver, mode: 'onSubmit', reValidateMode: 'onChange' });
}

/** Saving the note or skipping it, the draft's autosave paused meanwhile; a failure says why and keeps the form. */
function useSaveAndSkip(
  ctx: Ready,
  linked: ReadonlySet<string>,
  draft: ReturnType<typeof useNoteDraftAutosave>,
  t: Translator,
  onSaved: (outcome: SavedOutcome) => void,
  onSkipped: () => void,
) {
  const [saveError, setSaveError] = useState<string | null>(null);
  const [skipError, setSkipError] = useState<string | null>(null);
  const { session } = ctx;
  const save = async (values: NoteFormOutput) => {
    setSaveError(null);
    await draft.pause();
    try {
      const all = toSaveInput(values, session.id, ctx.note?.id ?? null);
      const input = { ...all, goalUpdates: goalUpdatesToSave(all.goalUpdates, ctx.goals, linked) };
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
  return { saveError, skipError, save, skip };
}

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
  const [start] = useState(() => startingValues(ctx));
  const form = useNoteForm(start.values, editing);
  const draft = useNoteDraftAutosave(session.id, form);
  const { saveError, skipError, save, skip } = useSaveAndSkip(ctx, start.linked, draft, t, onSaved, onSkipped);
  const [invalid, setInvalid] = useState(false);
  const summary = useWatch({ control: form.control, name: 'summary' });
  const section: NoteSection = { form, id: (name) => `${uid}-${name}`, t };
  const live = session.status === 'live';

  return (
    <form
      noValidate
      aria-label={t('note', 'heading', { name: relationship.counterpartName })}
      onSubmit={(e) =>
        void form.handleSubmit(
          (values) => {
            setInvalid(false);
            return save(values);
          },
          () => setInvalid(true),
        )(e)
      }
    >
      {start.restoredAt !== null && (
        <p className="banner info" role="status">
          {t('note', 'draftRestored', { time: formatTime(start.restoredAt, language) })}
        </p>
      )}
      {live && <p className="banner warn">{t('note', 'stillLive')}</p>}

      <SessionFacts session={session} relationship={relationship} facts={sessionFacts(session, relationship, settings)} />

      <Field
        id={section.id('summary')}
        label={t('note', 'summaryLabel')}
        hint={t('note', 'summaryHint')}
        error={form.formState.errors.summary}
        errorVars={{ n: formatCount(summary.length, language) }}
      >
        {(aria) => <textarea {...aria} spellCheck={false} rows={4} {...form.register('summary')} />}
      </Field>
      <p className={summary.length > MAX_SUMMARY ? 'field-error' : 'hint'} aria-live="polite" style={{ marginTop: -8 }}>
        {t('note', 'charCount', { n: formatCount(summary.length, language), max: formatCount(MAX_SUMMARY, language) })}
      </p>

      <NoteGoals section={section} goalIds={start.goalIds} linked={start.linked} goals={ctx.goals} />
      <TextField section={section} name="wentWell" idName="went-well" label={t('note', 'wentWellLabel')} />
      <TextField section={section} name="doDifferently" idName="do-differently" label={t('note', 'doDifferentlyLabel')} />
      <NoteActions section={section} relationship={relationship} />
      <NextMeeting section={section} suggestedDays={editing ? null : intervalDays(relationship, heldSessions(ctx.sessions).length)} />
      <RatingGroup section={section} />
      <NoteReflection section={section} start={start.values} />

      <div className="field">
        <label className="inline">
          <input type="checkbox" {...form.register('private')} />
          {t('note', 'privateLabel')}
        </label>
      </div>

      <NoteFormBar
        section={section}
        draft={draft.state}
        invalid={invalid}
        saveError={saveError}
        skipError={skipError}
        live={live}
        editing={editing}
        onSkip={() => void skip()}
      />
    </form>
  );
}

/** One of the note's two short free-text answers. */
function TextField({
  section,
  name,
  idName,
  label,
}: {
  section: NoteSection;
  name: 'wentWell' | 'doDifferently';
  idName: string;
  label: string;
}) {
  const { form, id } = section;
  return (
    <Field id={id(idName)} label={label} error={form.formState.errors[name]}>
      {(aria) => <textarea {...aria} spellCheck={false} rows={2} {...form.register(name)} />}
    </Field>
  );
}
