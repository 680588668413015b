import { useState } from 'react';
import type { DraftState } from '../../lib/hooks/use-note-draft';
import type { Translator } from '../../lib/i18n';
import type { NoteSection } from './note-fields';

type Props = {
  section: NoteSection;
  draft: DraftState;
  /** The user tried to save a form with errors. */
  invalid: boolean;
  saveError: string | null;
  skipError: string | null;
  /** A live session's note waits until the session ends. */
  live: boolean;
  editing: boolean;
  onSkip: () => void;
};

/** Save, skip (after a question) and the draft's state; problems sit by the buttons, so they stay in view while scrolling. */
export function NoteFormBar({ section, draft, invalid, saveError, skipError, live, editing, onSkip }: Props) {
  const { form, id, t } = section;
  const { errors, isSubmitting } = form.formState;
  const [confirmSkip, setConfirmSkip] = useState(false);
  const problem = (text: string) => (
    <p className="banner error" role="alert">
      {text}
    </p>
  );
  return (
    <div className="note-actions-bar">
      <div className="note-bar-messages">
        {draft.status === 'failed' && problem(t('note', 'draftFailed', { error: draft.error }))}
        {invalid && Object.keys(errors).length > 0 && problem(t('note', 'formHasErrors'))}
        {saveError && problem(t('note', 'saveFailed', { error: saveError }))}
        {skipError && problem(t('note', 'skipFailed', { error: skipError }))}
        {confirmSkip && (
          <div className="banner warn" role="alertdialog" aria-labelledby={id('skip-q')}>
            <p id={id('skip-q')}>{t('note', 'skipConfirm')}</p>
            <div className="row">
              <button type="button" className="danger" onClick={onSkip}>
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
      <DraftStatus state={draft} t={t} />
    </div>
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
