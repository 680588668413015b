import { useState } from 'react';
import { send } from '../../lib/messaging/send';
import type { PopupTranslator } from '../../lib/i18n/popup';
import type { NoteToWrite } from '../../lib/summary/week';
import { formatDay } from '../../lib/format/date';
import type { Language } from '../../lib/i18n/core';

/** Sessions still waiting for their note, each with a button that opens the note prompt. */
export function NotesToWrite({ notes, t, language }: { notes: readonly NoteToWrite[]; t: PopupTranslator; language: Language }) {
  const [error, setError] = useState<string | null>(null);
  const open = (sessionId: string) => {
    setError(null);
    void send({ type: 'ui:note.open', sessionId }).then((reply) => {
      if (!reply.ok && reply.code !== 'no-answer') setError(t('popup', 'noteOpenFailed', { error: reply.error }));
    });
  };
  return (
    <section className="banner warn" aria-labelledby="notes-heading" data-testid="notes-to-write">
      <h2 id="notes-heading">{t('popup', 'notesHeading')}</h2>
      <ul className="plain-list">
        {notes.map((n) => {
          const date = formatDay(n.startedAt, language);
          const text = n.relationshipName
            ? t('popup', 'noteFor', { name: n.relationshipName, date })
            : t('popup', 'noteUnlinked', { date });
          return (
            <li key={n.sessionId} className="row spread">
              <span>{text}</span>
              <button
                type="button"
                onClick={() => open(n.sessionId)}
                aria-label={t('popup', 'writeNoteFor', { name: n.relationshipName ?? '—', date })}
              >
                {t('popup', 'writeNote')}
              </button>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
