// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotePrompt } from '../../components/note/NotePrompt';
import * as notes from '../../lib/db/notes';
import { createRelationship, endSession, getNoteDraft, saveSettings, startSession } from '../../lib/db';
import { relationshipInput, useFreshDb, call } from '../db/helpers';

// The module is mocked only so single calls can be made to fail like a full disk would.
vi.mock('../../lib/db/notes', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/db/notes')>();
  return { ...actual, saveNoteDraft: vi.fn(actual.saveNoteDraft), saveNote: vi.fn(actual.saveNote) };
});

const { db } = useFreshDb();

function quotaError(): Error {
  const e = new Error('QuotaExceededError: the quota has been exceeded');
  e.name = 'QuotaExceededError';
  return e;
}

async function endedSession() {
  await saveSettings({ language: 'en' });
  const r = await createRelationship(relationshipInput);
  const s = await startSession(call(r.id));
  await endSession(s.id);
  return s;
}

describe('NotePrompt when storage fails', () => {
  beforeEach(() => {
    vi.mocked(notes.saveNoteDraft).mockClear();
  });
  afterEach(() => cleanup());

  it('says so when a draft cannot be stored, keeps every value, and stores it with the next change', async () => {
    const s = await endedSession();
    const user = userEvent.setup();
    render(<NotePrompt sessionId={s.id} />);
    const summary = await screen.findByLabelText('Summary');
    vi.mocked(notes.saveNoteDraft).mockRejectedValueOnce(quotaError());
    await user.type(summary, 'Kept');
    expect(await screen.findByText(/Your draft could not be stored/)).toBeTruthy();
    expect((summary as HTMLTextAreaElement).value).toBe('Kept');
    expect(await getNoteDraft(s.id)).toBeUndefined();

    await user.type(summary, ' safe');
    await waitFor(async () => expect((await getNoteDraft(s.id))?.values.summary).toBe('Kept safe'));
    await waitFor(() => expect(screen.queryByText(/Your draft could not be stored/)).toBeNull());
  });

  it('says so when the note cannot be saved, writes nothing and keeps the form and its draft', async () => {
    const s = await endedSession();
    const user = userEvent.setup();
    render(<NotePrompt sessionId={s.id} />);
    const summary = await screen.findByLabelText('Summary');
    await user.type(summary, 'A good talk');
    vi.mocked(notes.saveNote).mockRejectedValueOnce(quotaError());
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    expect(await screen.findByText(/The disk is full: Rapport could not save/)).toBeTruthy();
    expect((screen.getByLabelText('Summary') as HTMLTextAreaElement).value).toBe('A good talk');
    expect(await db().notes.count()).toBe(0);
    await waitFor(async () => expect((await getNoteDraft(s.id))?.values.summary).toBe('A good talk'));

    // The disk has room again: the same click saves.
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    expect(await screen.findByRole('heading', { name: 'Note saved.' })).toBeTruthy();
    expect(await db().notes.count()).toBe(1);
    expect(await getNoteDraft(s.id)).toBeUndefined();
  });

  it('writes the pending draft at once when the page is hidden, without waiting for the debounce', async () => {
    const s = await endedSession();
    render(<NotePrompt sessionId={s.id} />);
    const summary = await screen.findByLabelText('Summary');
    // With the debounce timer frozen, only the pagehide flush can write the draft.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fireEvent.change(summary, { target: { value: 'Closing now' } });
      await act(async () => {
        await Promise.resolve();
      });
      expect(notes.saveNoteDraft).not.toHaveBeenCalled();
      await act(async () => {
        window.dispatchEvent(new Event('pagehide'));
        await Promise.resolve();
      });
    } finally {
      // The debounce timer was set under the frozen clock and is dropped with it.
      vi.useRealTimers();
    }
    expect(notes.saveNoteDraft).not.toHaveBeenCalled();
    await waitFor(async () => expect((await getNoteDraft(s.id))?.values.summary).toBe('Closing now'));
  });

  it('lets the user start writing while the call is still going, but not save yet', async () => {
    await saveSettings({ language: 'en' });
    const r = await createRelationship(relationshipInput);
    const s = await startSession(call(r.id));
    render(<NotePrompt sessionId={s.id} />);
    expect(await screen.findByText(/This call is still going/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save note' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('speaks Bokmål when the user chose it', async () => {
    const s = await endedSession();
    await saveSettings({ language: 'nb' });
    render(<NotePrompt sessionId={s.id} />);
    expect(await screen.findByLabelText('Sammendrag')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Lagre notat' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Hopp over dette notatet' })).toBeTruthy();
  });
});
