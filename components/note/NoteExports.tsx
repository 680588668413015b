import { useState } from 'react';
import { useT } from '../../lib/hooks/use-settings';
import { nextMeetingIcs, safeFileName } from '../../lib/notes/ics';
import { noteToMarkdown } from '../../lib/notes/markdown';
import type { Action, Goal, Note, Relationship, Session } from '../../lib/schema';
import { downloadText } from '../download';
import { WAY_KEYS } from '../../lib/i18n/labels';

/**
 * The note as Markdown (to share with the other person) and its next meeting as an .ics event.
 * Both are made on this computer; a private note is never exported.
 */
export function NoteExports(props: {
  note: Note;
  relationship: Relationship;
  session: Session;
  goals: readonly Goal[];
  actions: readonly Action[];
}) {
  const { t, language } = useT();
  const { note, relationship, session } = props;
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const date = new Date(session.startedAt).toISOString().slice(0, 10);
  const baseName = safeFileName(`rapport-${relationship.counterpartName}-${date}`);

  const markdown = () => noteToMarkdown(note, { relationship, session, goals: props.goals, actions: props.actions, language });
  const run = (f: () => void | Promise<void>) => {
    setMessage(null);
    Promise.resolve()
      .then(f)
      .catch((error: unknown) => setMessage({ kind: 'error', text: t('note', 'exportFailed', { error: String(error) }) }));
  };
  const copy = () =>
    run(async () => {
      try {
        await navigator.clipboard.writeText(markdown());
        setMessage({ kind: 'info', text: t('note', 'copied') });
      } catch (error) {
        setMessage({ kind: 'error', text: t('note', 'copyFailed', { error: error instanceof Error ? error.message : String(error) }) });
      }
    });
  const ics = () =>
    run(() => {
      const text = nextMeetingIcs(note, relationship, {
        title: t('note', 'icsTitle', { name: relationship.counterpartName }),
        description: t('note', 'icsDescription', { way: t('common', WAY_KEYS[note.nextMeeting?.way ?? 'video']) }),
      });
      downloadText(`${baseName}-next-meeting.ics`, text, 'text/calendar');
    });

  return (
    <section className="card" aria-labelledby="note-exports-heading">
      <h2 id="note-exports-heading">{t('note', 'exportHeading')}</h2>
      {note.private ? (
        <p className="muted">{t('note', 'privateNoExport')}</p>
      ) : (
        <div className="row" style={{ marginBottom: 8 }}>
          <button type="button" onClick={() => run(() => downloadText(`${baseName}.md`, markdown(), 'text/markdown'))}>
            {t('note', 'downloadMarkdown')}
          </button>
          <button type="button" onClick={copy}>
            {t('note', 'copyMarkdown')}
          </button>
        </div>
      )}
      {note.nextMeeting && (
        <div className="row">
          <button type="button" onClick={ics}>
            {t('note', 'downloadIcs')}
          </button>
        </div>
      )}
      <p role="status" className={message?.kind === 'error' ? 'field-error' : 'muted'} style={{ marginTop: 8 }}>
        {message?.text ?? ''}
      </p>
    </section>
  );
}
