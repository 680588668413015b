import type { Translator } from './core';

/**
 * The one error-key scheme of every form. A zod schema's message is one of these keys, with the
 * numbers its words need after bars ("range|5|480"), so one schema speaks every language; the
 * words are the `form` strings (lib/i18n/<lang>/form.ts), one per key.
 */
export const FORM_ERRORS = [
  'required',
  'tooLong',
  'range',
  'whole',
  'number',
  'date',
  'time',
  'pickOne',
  'targetOrder',
  'lineTooLong',
  'tooManyLines',
  'summaryRequired',
  'summaryTooLong',
  'textTooLong',
  'actionTextRequired',
  'actionTextTooLong',
  'dueDateRequired',
  'dueDateInPast',
  'tooManyActions',
  'progressRange',
  'nextDateRequired',
  'nextInPast',
  'ratingRange',
  'pickRelationship',
  'itemTitleRequired',
  'itemMinutesRange',
  'generic',
] as const;
export type FormErrorKey = (typeof FORM_ERRORS)[number];

/** The message a schema gives an issue: the key, then its numbers ({n} or {min}, then {max}). */
export function formError(key: FormErrorKey, ...numbers: number[]): string {
  return [key, ...numbers].join('|');
}

const isKey = (key: string | undefined): key is FormErrorKey => (FORM_ERRORS as readonly (string | undefined)[]).includes(key);

/**
 * The words for a message made by formError; `vars` adds what the message cannot carry (the
 * length typed so far, say). A message from anywhere else (zod's own) gets the generic line.
 */
export function formErrorText(t: Translator, message: string | undefined, vars?: Record<string, string | number>): string | undefined {
  if (!message) return undefined;
  const [key, first = '', second = ''] = message.split('|');
  if (!isKey(key)) return t('form', 'generic');
  return t('form', key, { n: first, min: first, max: second, ...vars });
}
