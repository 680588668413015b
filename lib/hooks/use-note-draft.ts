import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { saveNoteDraft, saveNoteDraftNow } from '../db/notes';

/** Below the 300 ms the note promises: a draft is never more than this behind the form. */
export const DRAFT_DEBOUNCE_MS = 250;

export type DraftState = { status: 'idle' } | { status: 'saving' } | { status: 'saved'; at: number } | { status: 'failed'; error: string };

export type DraftAutosave = {
  state: DraftState;
  /** Writes the pending change now (page hidden, panel switched away). */
  flush: () => Promise<void>;
  /** Stops saving drafts (the note is being saved or skipped) once any write in flight is done. */
  pause: () => Promise<void>;
  /** Saves drafts again (the save failed and the user keeps writing). */
  resume: () => void;
};

/**
 * Saves the form as a draft on every change: debounced, flushed when the page is hidden or
 * closed and when the component goes away. A write that fails is reported and retried with the
 * next change; the form itself keeps every value either way.
 */
export function useNoteDraftAutosave<T extends FieldValues>(sessionId: string, form: UseFormReturn<T>): DraftAutosave {
  const [state, setState] = useState<DraftState>({ status: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);
  const paused = useRef(false);
  const inflight = useRef<Promise<void>>(Promise.resolve());
  const { getValues, watch } = form;

  const write = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!dirty.current || paused.current) return inflight.current;
    dirty.current = false;
    const values = getValues() as Record<string, unknown>;
    setState({ status: 'saving' });
    // Writes run one after another, so an older draft never overwrites a newer one.
    inflight.current = inflight.current.then(() =>
      saveNoteDraft(sessionId, values).then(
        (draft) => setState({ status: 'saved', at: draft.updatedAt }),
        (error: unknown) => {
          dirty.current = true;
          setState({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
        },
      ),
    );
    return inflight.current;
  }, [getValues, sessionId]);

  useEffect(() => {
    const subscription = watch(() => {
      if (paused.current) return;
      dirty.current = true;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void write(), DRAFT_DEBOUNCE_MS);
    });
    // The page may be going away: the usual promise-based write would never reach IndexedDB.
    const writeNow = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if (!dirty.current || paused.current) return;
      if (!writeBeforeLeaving(sessionId, getValues() as Record<string, unknown>, dirty, setState)) void write();
    };
    const onHide = () => writeNow();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') writeNow();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      subscription.unsubscribe();
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      // The side panel may switch away from the note: what was typed is written first.
      void write();
    };
  }, [watch, write, getValues, sessionId]);

  const pause = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    paused.current = true;
    await inflight.current;
  }, []);
  const resume = useCallback(() => {
    paused.current = false;
    void write();
  }, [write]);

  return { state, flush: write, pause, resume };
}

/**
 * Starts the draft's write at once, for a page that may be going away; false when it could not
 * (the caller then writes as usual, which reports failures). A write that fails after the page
 * stayed (a tab switch, not a close) is reported and retried with the next change.
 */
function writeBeforeLeaving(
  sessionId: string,
  values: Record<string, unknown>,
  dirty: RefObject<boolean>,
  setState: (state: DraftState) => void,
): boolean {
  try {
    const stored = saveNoteDraftNow(sessionId, values, (error) => {
      dirty.current = true;
      setState({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
    });
    if (!stored) return false;
    dirty.current = false;
    setState({ status: 'saved', at: Date.now() });
    return true;
  } catch {
    return false;
  }
}
