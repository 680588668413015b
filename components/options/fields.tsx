import type { ReactNode } from 'react';
import type { FieldError as RhfFieldError } from 'react-hook-form';
import { useT } from '../../lib/hooks/use-settings';
import type { options } from '../../lib/i18n/en/options';

type OptionsKey = keyof typeof options;

/**
 * Form schemas carry message keys of the options surface instead of sentences, optionally with
 * numbers after a bar ("errRange|5|480"), so one schema speaks every language.
 */
export function useErrorText(): (message: string | undefined) => string | null {
  const { t } = useT();
  return (message) => {
    if (!message) return null;
    const [key, min, max] = message.split('|');
    if (key && key in STRINGS_KEYS) return t('options', key as OptionsKey, { n: min ?? '', min: min ?? '', max: max ?? '' });
    return message;
  };
}

/** Known message keys; anything else (a repository's own message) is shown as it is. */
const STRINGS_KEYS: Record<string, true> = {
  errRequired: true,
  errTooLong: true,
  errRange: true,
  errWhole: true,
  errNumber: true,
  errDate: true,
  errPickOne: true,
  errTargetOrder: true,
  errLineTooLong: true,
  errTooManyLines: true,
  errDatePast: true,
};

/** The message under a field; its id is what the input's aria-describedby points at. */
export function FieldError({ id, error }: { id: string; error: RhfFieldError | { message?: string } | undefined }) {
  const text = useErrorText()(error?.message);
  if (!text) return null;
  return (
    <p className="field-error" id={`${id}-error`} role="alert">
      {text}
    </p>
  );
}

/** aria props for an input that may have an error. */
export function invalidProps(id: string, error: unknown, hintId?: string) {
  const describedBy = [error ? `${id}-error` : null, hintId ?? null].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined } as const;
}

/** A labelled field with its error and an optional hint. */
export function Field(props: { id: string; label: string; hint?: string; error?: { message?: string }; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <p className="hint muted" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.children}
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}
