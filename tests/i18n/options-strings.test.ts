import { describe, expect, it } from 'vitest';
import { importWords as enImport } from '../../lib/i18n/en/import';
import { options as en } from '../../lib/i18n/en/options';
import { importWords as nbImport } from '../../lib/i18n/nb/import';
import { options as nb } from '../../lib/i18n/nb/options';

describe('options strings', () => {
  it('has every English key in Bokmål, with the same placeholders', () => {
    expect(Object.keys(nb).sort()).toEqual(Object.keys(en).sort());
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect([key, vars(nb[key])]).toEqual([key, vars(en[key])]);
  });

  it('holds the import’s problem words, in both languages', () => {
    expect(en).toMatchObject(enImport);
    expect(nb).toMatchObject(nbImport);
    expect(Object.keys(nbImport).sort()).toEqual(Object.keys(enImport).sort());
  });
});
