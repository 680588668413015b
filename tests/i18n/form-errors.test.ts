import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../lib/i18n';
import { form as en } from '../../lib/i18n/en/form';
import { FORM_ERRORS, formError, formErrorText } from '../../lib/i18n/form-errors';
import { form as nb } from '../../lib/i18n/nb/form';

describe('form error keys', () => {
  it('has words for every key, in English and Bokmål, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual([...FORM_ERRORS].sort());
    expect(Object.keys(nb).sort()).toEqual([...FORM_ERRORS].sort());
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of FORM_ERRORS) expect([key, vars(nb[key])]).toEqual([key, vars(en[key])]);
  });

  it('carries the numbers a message needs, in the language asked for', () => {
    const t = createTranslator('en');
    expect(formErrorText(t, formError('range', 5, 480))).toBe('Enter a number from 5 to 480.');
    expect(formErrorText(t, formError('tooLong', 200))).toBe('That is too long: at most 200 characters.');
    expect(formErrorText(createTranslator('nb'), formError('required'))).toBe('Fyll ut dette.');
  });

  it('adds what the message cannot carry, and says nothing without a message', () => {
    const t = createTranslator('en');
    expect(formErrorText(t, formError('summaryTooLong'), { n: '5,001' })).toContain('(it has 5,001)');
    expect(formErrorText(t, undefined)).toBeUndefined();
  });

  it('gives the generic line for a message that is not a form error key (zod’s own)', () => {
    expect(formErrorText(createTranslator('en'), 'Invalid input: expected string')).toBe('Check this field.');
  });
});
