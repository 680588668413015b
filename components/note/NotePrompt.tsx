import { useEffect, useRef, useState, type RefObject } from 'react';
import { useNoteContext } from '../../lib/hooks/use-note';
import type { NoteContext } from '../../lib/notes/context';
import { useT } from '../../lib/hooks/use-settings';
import { LinkSession } from './LinkSession';
import { NoteExports } from './NoteExports';
import { NoteForm, type SavedOutcome } from './NoteForm';
import './note.css';

/** How the note prompt ended, for whoever shows it (window, side panel, options page). */
export type NoteOutcome = { kind: 'saved'; noteId: string } | { kind: 'skipped' };

export type NotePromptProps = {
  sessionId: string;
  /**
   * Called when the user is finished: after skipping, or with "Done" after saving (the saved
   * view offers the exports first). Without it there is no "Done" button.
   */
  onDone?: (outcome: NoteOutcome) => void;
  /** 1 on its own page; 2 where the host page has its own h1 (side panel, options page). */
  headingLevel?: 1 | 2;
};

/**
 * The structured note for one session (a block, not a landmark: the host page wraps it in its
 * own <main>): asks for the relationship when the call was not linked,
 * then the note prefilled from the session; drafts are kept on every change. Also edits a note
 * saved earlier. Reads through hooks and writes through lib/db, so any page can embed it.
 */
export function NotePrompt({ sessionId, onDone, headingLevel = 1 }: NotePromptProps) {
  const H = headingLevel === 1 ? 'h1' : 'h2';
  const { t } = useT();
  const ctx = useNoteContext(sessionId);
  const [phase, setPhase] = useState<
    { kind: 'form'; round: number } | ({ kind: 'saved'; round: number } & SavedOutcome) | { kind: 'skipped' }
  >({
    kind: 'form',
    round: 0,
  });
  const outcomeHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Keyboard and screen-reader users land on the outcome, not on a button that is gone.
    if (phase.kind !== 'form') outcomeHeading.current?.focus();
  }, [phase.kind]);

  if (ctx === undefined) return <p className="note-prompt muted">{t('common', 'loading')}</p>;
  if (ctx.kind === 'missing') {
    return (
      <div className="note-prompt">
        <H>{t('note', 'headingUnlinked')}</H>
        <p className="banner error" role="alert">
          {t('note', 'missingSession')}
        </p>
      </div>
    );
  }
  if (ctx.kind === 'unlinked') {
    return (
      <div className="note-prompt">
        <H>{t('note', 'headingUnlinked')}</H>
        <LinkSession session={ctx.session} relationships={ctx.relationships} />
      </div>
    );
  }

  const heading = t('note', 'heading', { name: ctx.relationship.counterpartName });
  if (phase.kind === 'skipped') {
    return (
      <div className="note-prompt">
        <H ref={outcomeHeading} tabIndex={-1}>
          {heading}
        </H>
        <p className="banner info" role="status">
          {t('note', 'skipped')}
        </p>
      </div>
    );
  }
  if (phase.kind === 'saved') {
    return (
      <NoteSaved
        H={H}
        headingRef={outcomeHeading}
        ctx={ctx}
        outcome={phase}
        onEdit={() => setPhase({ kind: 'form', round: phase.round + 1 })}
        onDone={onDone}
      />
    );
  }
  return (
    <div className="note-prompt">
      <H>{heading}</H>
      <NoteForm
        // A new round re-reads the saved note, so "Edit the note" starts from what was stored.
        key={`${ctx.session.id}-${phase.round}`}
        ctx={ctx}
        onSaved={(outcome) => setPhase({ kind: 'saved', round: phase.round, ...outcome })}
        onSkipped={() => {
          setPhase({ kind: 'skipped' });
          onDone?.({ kind: 'skipped' });
        }}
      />
      {ctx.note && (
        <NoteExports note={ctx.note} relationship={ctx.relationship} session={ctx.session} goals={ctx.goals} actions={ctx.noteActions} />
      )}
    </div>
  );
}

type ReadyContext = Extract<NoteContext, { kind: 'ready' }>;

/** The note just saved: what it holds, its exports, and the way back to editing it. */
function NoteSaved({
  H,
  headingRef,
  ctx,
  outcome,
  onEdit,
  onDone,
}: {
  H: 'h1' | 'h2';
  headingRef: RefObject<HTMLHeadingElement | null>;
  ctx: ReadyContext;
  outcome: SavedOutcome;
  onEdit: () => void;
  onDone: NotePromptProps['onDone'];
}) {
  const { t } = useT();
  const note = ctx.note ?? outcome.note;
  return (
    <div className="note-prompt">
      <H ref={headingRef} tabIndex={-1}>
        {t('note', 'saved')}
      </H>
      <p className="banner info" role="status">
        {t('note', 'savedDetail', {
          actions: t('note', outcome.actions === 1 ? 'nActions.one' : 'nActions.other', { n: outcome.actions }),
          goals: t('note', outcome.goals === 1 ? 'nGoals.one' : 'nGoals.other', { n: outcome.goals }),
        })}
      </p>
      <NoteExports note={note} relationship={ctx.relationship} session={ctx.session} goals={ctx.goals} actions={ctx.noteActions} />
      <div className="row">
        <button type="button" onClick={onEdit}>
          {t('note', 'editAgain')}
        </button>
        {onDone && (
          <button type="button" className="primary" onClick={() => onDone({ kind: 'saved', noteId: note.id })}>
            {t('note', 'done')}
          </button>
        )}
      </div>
    </div>
  );
}
