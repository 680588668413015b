import type { ReactNode } from 'react';
import type { FieldError, UseFormReturn } from 'react-hook-form';
import type { Translator } from '../../lib/i18n';
import { FORM_ERRORS, type FormError, type NoteFormOutput, type NoteFormValues } from '../../lib/notes/form';

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

/** The words for a validation message key (see FORM_ERRORS); anything else gets a generic line. */
export function errorText(t: Translator, error: FieldError | undefined, vars?: Record<string, string | number>): string | undefined {
  if (!error) return undefined;
  const key = error.message as FormError | undefined;
  return key && (FORM_ERRORS as readonly string[]).includes(key) ? t('note', `err.${key}`, vars) : t('note', 'err.generic');
}

/** A failed write in words: a full disk is said plainly. */
export function storageMessage(t: Translator, error: unknown): string {
  const e = error as { name?: string; inner?: { name?: string }; message?: string } | null;
  if (e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError') return t('common', 'storageFull');
  return e?.message ?? String(error);
}

export type AriaProps = { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };

/** A field's label, input, hint and error, wired together for screen readers. */
export function Field(props: { id: string; label: string; hint?: string; error?: string; children: (aria: AriaProps) => ReactNode }) {
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
