import { describe, expect, it } from 'vitest';
import { createTranslator, STRINGS, type Language } from '../../lib/i18n';
import { createPopupTranslator } from '../../lib/i18n/popup';

describe('the popup’s own string tables', () => {
  it('word every common and popup key as the full tables do, in both languages', () => {
    for (const language of ['en', 'nb'] as Language[]) {
      const full = createTranslator(language);
      const popup = createPopupTranslator(language);
      for (const surface of ['common', 'popup'] as const) {
        const keys = Object.keys(STRINGS.en[surface]) as (keyof (typeof STRINGS.en)[typeof surface] & string)[];
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) expect(popup(surface, key, { n: 3, error: 'x' })).toBe(full(surface, key, { n: 3, error: 'x' }));
      }
    }
  });

  it('give the key itself for a key no table has', () => {
    const nb = createPopupTranslator('nb');
    const missing = 'notAKey' as keyof (typeof STRINGS.en)['popup'] & string;
    expect(nb('popup', missing)).toBe('notAKey');
  });
});
