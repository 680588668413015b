import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../lib/schema';
import { DEFAULT_SETTINGS, settingsFromStorage } from '../../lib/schema/settings-read';

/** What the zod schema makes of a stored value; the zod-free reader must give the same. */
const viaZod = (stored: unknown) => {
  const parsed = SettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
};

const percent = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.double({ min: -10, max: 110 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, '50', null),
);
const share = fc.oneof(fc.record({ min: percent, max: percent }, { requiredKeys: [] }), fc.anything());
const stored = fc.record(
  {
    id: fc.oneof(fc.constant('settings'), fc.anything()),
    language: fc.oneof(fc.constantFrom('auto', 'en', 'nb', 'de', undefined, null), fc.anything()),
    cuesEnabled: fc.oneof(fc.boolean(), fc.constantFrom(undefined, 0, 'true')),
    targetShare: fc.oneof(fc.record({ mentor: share, mentee: share, extra: fc.anything() }, { requiredKeys: [] }), fc.anything()),
    weekStartsOn: fc.oneof(fc.constantFrom(0, 1, 6, 2, '1', undefined, 1.5), fc.anything()),
    extraOrigins: fc.oneof(
      fc.array(fc.string({ maxLength: 310 }), { maxLength: 3 }),
      fc.array(fc.anything(), { maxLength: 3 }),
      fc.anything(),
    ),
    unknown: fc.anything(),
  },
  { requiredKeys: ['id'] },
);

describe('settings read without zod', () => {
  it('the defaults are the schema’s', () => {
    expect(DEFAULT_SETTINGS).toEqual(SettingsSchema.parse({ id: 'settings' }));
  });

  it('reads every stored value as SettingsSchema.safeParse does', () => {
    fc.assert(
      fc.property(stored, (value) => {
        expect(settingsFromStorage(value)).toEqual(viaZod(value));
      }),
      { numRuns: 2000 },
    );
    for (const value of [
      undefined,
      null,
      [],
      'settings',
      { id: 'settings', extraOrigins: Array(101).fill('a') },
      { id: 'settings', extraOrigins: ['x'.repeat(301)] },
    ])
      expect(settingsFromStorage(value)).toEqual(viaZod(value));
  });

  it('keeps valid settings as stored', () => {
    const valid = {
      id: 'settings',
      language: 'nb',
      cuesEnabled: false,
      targetShare: { mentor: { min: 10, max: 30 }, mentee: { min: 60, max: 90 } },
      weekStartsOn: 0,
      extraOrigins: ['https://meet.example.org'],
    };
    expect(settingsFromStorage(valid)).toEqual(valid);
  });
});
