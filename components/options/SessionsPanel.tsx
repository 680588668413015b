import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { logManualSession } from '../../lib/db/sessions';
import type { RelationshipHistory } from '../../lib/db/relationships';
import { useT } from '../../lib/hooks/use-settings';
import { heldSessions } from '../../lib/mentoring/cadence';
import { stageForNextSession } from '../../lib/mentoring/templates';
import { relationshipNotesToMarkdown } from '../../lib/notes/markdown';
import type { Note, Session } from '../../lib/schema';
import { NotePrompt } from '../note/NotePrompt';
import { downloadText, slug } from './download';
import { Field, Options, TimeInput } from '../Field';
import { ManualSessionFormSchema, type ManualSessionFormValues } from './form-schemas';
import { formatDate } from '../../lib/format/date';
import { fromDateOnly, toDateOnly } from '../../lib/schema/date-only';
import { STAGE_KEYS, STAGES, WAY_KEYS } from '../../lib/i18n/labels';

/** Whether a moment has not happened yet (checked when the form is submitted). */
function isFuture(ms: number): boolean {
  return ms > Date.now();
}

function minutesOf(s: Session): number | null {
  return s.endedAt === null ? null : Math.max(0, Math.round((s.endedAt - s.startedAt - s.pausedMs) / 60_000));
}

/** Today at nine, the usual length, the first agreed way that is not video, the stage the cadence is at. */
function manualDefaults({ relationship, sessions }: RelationshipHistory): ManualSessionFormValues {
  return {
    date: toDateOnly(new Date()),
    time: '09:00',
    lengthMin: relationship.agreement.usualLengthMin,
    wayOfMeeting: relationship.agreement.waysOfMeeting.find((w) => w !== 'video') ?? 'phone',
    stage: stageForNextSession(heldSessions(sessions).length, relationship.cadence.earlyMeetings),
  };
}

/** When the logged session started: the typed day and time, local. */
function startOf(v: ManualSessionFormValues): number {
  const start = fromDateOnly(v.date);
  const [hh = 0, mm = 0] = v.time.split(':').map(Number);
  start.setHours(hh, mm);
  return start.getTime();
}

/** Log a session held by phone, face to face or e-mail, so the relationship's history is whole. */
function ManualSessionForm({ history, onLogged }: { history: RelationshipHistory; onLogged: (id: string) => void }) {
  const { t } = useT();
  const { relationship } = history;
  const [saveError, setSaveError] = useState<string | null>(null);
  const form = useForm<ManualSessionFormValues>({ resolver: zodResolver(ManualSessionFormSchema), defaultValues: manualDefaults(history) });
  const { handleSubmit, formState } = form;

  const onSubmit = async (v: ManualSessionFormValues) => {
    setSaveError(null);
    const startedAt = startOf(v);
    if (isFuture(startedAt)) {
      setSaveError(t('options', 'logFuture'));
      return;
    }
    try {
      const s = await logManualSession({
        relationshipId: relationship.id,
        wayOfMeeting: v.wayOfMeeting,
        stage: v.stage,
        startedAt,
        plannedLengthMin: v.lengthMin,
        lengthMin: v.lengthMin,
      });
      onLogged(s.id);
    } catch (e) {
      setSaveError(t('options', 'saveFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <form onSubmit={(event) => void handleSubmit(onSubmit)(event)} noValidate aria-labelledby="log-title" className="card inset">
      <h4 id="log-title">{t('options', 'logTitle')}</h4>
      <ManualSessionFields form={form} />
      {saveError && (
        <p className="banner error" role="alert">
          {saveError}
        </p>
      )}
      <button type="submit" className="primary" disabled={formState.isSubmitting}>
        {t('options', 'logSave')}
      </button>
    </form>
  );
}

/** The relationship's sessions with their notes, newest first; logging off-line sessions; the notes as Markdown. */
export function SessionsPanel({ history }: { history: RelationshipHistory }) {
  const { t, language } = useT();
  const [logging, setLogging] = useState(false);
  const [logged, setLogged] = useState<string | null>(null);
  const [openSession, setOpenSession] = useState<string | null>(null);
  const noteOf = new Map(history.notes.map((n) => [n.sessionId, n]));
  const sessions = [...history.sessions].filter((s) => s.status !== 'live').sort((a, b) => b.startedAt - a.startedAt);

  const exportMarkdown = () => {
    const md = relationshipNotesToMarkdown(history.relationship, history.notes, { ...history, language });
    downloadText(`rapport-notes-${slug(history.relationship.counterpartName)}.md`, md, 'text/markdown');
  };

  return (
    <section className="card" aria-labelledby="sessions-title">
      <div className="row spread">
        <h3 id="sessions-title">{t('options', 'sessionsTitle')}</h3>
        <button type="button" onClick={exportMarkdown} disabled={history.notes.every((n) => n.private)}>
          {t('options', 'exportNotesMd')}
        </button>
      </div>
      {sessions.length === 0 && <p className="muted">{t('options', 'noSessions')}</p>}
      {sessions.length > 0 && (
        <ul className="sessions plain">
          {sessions.map((s) => (
            <SessionRow
              key={s.id}
              session={s}
              note={noteOf.get(s.id)}
              justLogged={s.id === logged}
              open={openSession === s.id}
              onOpen={(open) => setOpenSession(open ? s.id : null)}
            />
          ))}
        </ul>
      )}
      {logged && (
        <p className="banner info" role="status">
          {t('options', 'logged')}{' '}
          <button type="button" className="link" onClick={() => setOpenSession(logged)}>
            {t('options', 'writeNote')}
          </button>
        </p>
      )}
      {logging ? (
        <ManualSessionForm
          history={history}
          onLogged={(id) => {
            setLogged(id);
            setLogging(false);
          }}
        />
      ) : (
        <button type="button" onClick={() => setLogging(true)}>
          {t('options', 'logButton')}
        </button>
      )}
    </section>
  );
}

/** One session of the list: when, how, how long, the stage; its note (opened in place) or the way to write one. */
function SessionRow(props: {
  session: Session;
  note: Note | undefined;
  justLogged: boolean;
  open: boolean;
  onOpen: (open: boolean) => void;
}) {
  const { t, language } = useT();
  const { session: s, note, open, onOpen } = props;
  const minutes = minutesOf(s);
  return (
    <li className={props.justLogged ? 'session just-logged' : 'session'}>
      <div className="row spread">
        <span>
          <strong>{formatDate(s.startedAt, language)}</strong> · {t('common', WAY_KEYS[s.wayOfMeeting])}
          {minutes !== null && ` · ${t('common', 'minutes', { n: minutes })}`} · {t('common', STAGE_KEYS[s.stage])}
        </span>
        {s.status === 'skipped' && !note ? (
          <span className="muted">
            {t('options', 'noteSkipped')}{' '}
            <button type="button" className="link" onClick={() => onOpen(true)}>
              {t('options', 'writeNote')}
            </button>
          </span>
        ) : (
          <button type="button" aria-expanded={open} aria-controls={`note-${s.id}`} onClick={() => onOpen(!open)}>
            {open ? t('options', 'closeNote') : note ? t('options', 'openNote') : t('options', 'writeNote')}
          </button>
        )}
      </div>
      {note && (
        <p className="note-summary">
          {note.private && <span className="tag">{t('options', 'privateNote')}</span>} {note.summary}
        </p>
      )}
      {open && (
        <div className="card inset note-embed" id={`note-${s.id}`}>
          <NotePrompt sessionId={s.id} onDone={() => onOpen(false)} />
        </div>
      )}
    </li>
  );
}

/** The day, time, length, way of meeting and stage of a session logged by hand. */
function ManualSessionFields({ form }: { form: UseFormReturn<ManualSessionFormValues> }) {
  const { t } = useT();
  return (
    <div className="grid-3">
      <Field id="log-date" label={t('options', 'logDate')} error={form.formState.errors.date}>
        {(aria) => <input {...aria} type="date" {...form.register('date')} />}
      </Field>
      <Field id="log-time" label={t('options', 'logTime')} error={form.formState.errors.time}>
        {(aria) => <TimeInput {...aria} {...form.register('time')} />}
      </Field>
      <Field id="log-length" label={t('options', 'logLength')} error={form.formState.errors.lengthMin}>
        {(aria) => <input {...aria} type="number" min={1} max={480} {...form.register('lengthMin', { valueAsNumber: true })} />}
      </Field>
      <Field id="log-way" label={t('options', 'logWay')}>
        {(aria) => (
          <select {...aria} {...form.register('wayOfMeeting')}>
            <Options values={['phone', 'face-to-face', 'email', 'video'] as const} label={(w) => t('common', WAY_KEYS[w])} />
          </select>
        )}
      </Field>
      <Field id="log-stage" label={t('options', 'logStage')}>
        {(aria) => (
          <select {...aria} {...form.register('stage')}>
            <Options values={STAGES} label={(s) => t('common', STAGE_KEYS[s])} />
          </select>
        )}
      </Field>
    </div>
  );
}
