import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { useT } from '../lib/hooks/use-settings';
import { formErrorText } from '../lib/i18n/form-errors';

/*
 * The one labelled field of every form: label, hint, control and error, wired together for
 * screen readers. A schema's message is a form error key (lib/i18n/form-errors.ts); the words are
 * looked up here, so no form translates its own errors.
 */

/** What a field's control spreads: its id, whether it is invalid, and the hint and error it is described by. */
export type FieldAria = { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string };

/** A validation problem as react-hook-form holds it; its message is a form error key. */
export type FieldProblem = { message?: string } | undefined;

/** The aria props of a control with id `id`, its error and (when it has one) its hint. */
export function fieldAria(id: string, error: FieldProblem, hasHint = false): FieldAria {
  const describedBy = [hasHint ? `${id}-hint` : null, error?.message ? `${id}-error` : null].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error?.message ? true : undefined, 'aria-describedby': describedBy || undefined };
}

export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: FieldProblem;
  /** Words the error's message cannot carry (the length typed so far, say). */
  errorVars?: Record<string, string | number>;
  className?: string;
  children: (aria: FieldAria) => ReactNode;
}) {
  return (
    <div className={props.className ? `field ${props.className}` : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <p id={`${props.id}-hint`} className="hint muted">
          {props.hint}
        </p>
      )}
      {props.children(fieldAria(props.id, props.error, Boolean(props.hint)))}
      <FieldError id={props.id} error={props.error} vars={props.errorVars} />
    </div>
  );
}

/** The message under a field or a group of them; `${id}-error` is what the control's aria-describedby names. */
export function FieldError({ id, error, vars }: { id: string; error: FieldProblem; vars?: Record<string, string | number> }) {
  // Only a shown error reads the language, so a form's fields add no settings read each.
  return error?.message ? <ErrorText id={`${id}-error`} message={error.message} vars={vars} /> : null;
}

function ErrorText({ id, message, vars }: { id: string; message: string; vars?: Record<string, string | number> }) {
  const { t } = useT();
  return (
    <p id={id} className="field-error">
      {formErrorText(t, message, vars)}
    </p>
  );
}

/** A select's options: each value with its words (the value itself when no words are given). */
export function Options<V extends string>({ values, label }: { values: readonly V[]; label?: (value: V) => string }) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {label ? label(v) : v}
        </option>
      ))}
    </>
  );
}

/**
 * A time of day typed as HH:MM, 24-hour (a native time field would follow the browser's
 * language, not the one chosen in Rapport). Takes the field's aria props and registration.
 */
export function TimeInput(props: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  const { t } = useT();
  return <input type="text" inputMode="numeric" autoComplete="off" maxLength={5} placeholder={t('common', 'timePlaceholder')} {...props} />;
}
