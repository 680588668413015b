import type { UseFormReturn } from 'react-hook-form';
import type { Translator } from '../../lib/i18n';
import type { NoteFormOutput, NoteFormValues } from '../../lib/notes/form';

/*
 * What the note form's sections share. Free-text fields have spellCheck off: Chrome's "enhanced
 * spell check" sends what is typed to Google, and even the basic one fetches dictionaries over
 * the network. Notes are confidential and Rapport sends nothing anywhere.
 */

/** The form and what each section needs to draw its fields: ids unique to this form, the words. */
export type NoteSection = {
  form: UseFormReturn<NoteFormValues, unknown, NoteFormOutput>;
  id: (name: string) => string;
  t: Translator;
};

export const RATINGS = ['1', '2', '3', '4', '5'] as const;

/** A failed write in words: a full disk is said plainly. */
export function storageMessage(t: Translator, error: unknown): string {
  const e = error as { name?: string; inner?: { name?: string }; message?: string } | null;
  if (e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError') return t('common', 'storageFull');
  return e?.message ?? String(error);
}
