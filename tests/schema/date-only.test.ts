import { describe, expect, it } from 'vitest';
import { DateOnlySchema } from '../../lib/schema';
import { fromDateOnly, isRealDate, toDateOnly } from '../../lib/schema/date-only';
import { RelationshipFormSchema } from '../../components/options/form-schemas';
import { inTimeZone } from '../summary/builders';

describe('date-only: the one reader and checker of YYYY-MM-DD', () => {
  it('recognises real calendar days only', () => {
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('27.11.2026')).toBe(false);
  });

  it('reads and writes a local day, whatever the time zone, across a DST change', () => {
    for (const tz of ['Europe/Oslo', 'America/Los_Angeles', 'Pacific/Kiritimati'])
      inTimeZone(tz, () => {
        for (const day of ['2026-03-29', '2026-10-25', '2028-02-29', '2026-12-31']) {
          const date = fromDateOnly(day);
          expect([date.getHours(), date.getMinutes()]).toEqual([0, 0]);
          expect(toDateOnly(date)).toBe(day);
        }
      });
  });

  it('stored records and the options forms refuse a day that does not exist', () => {
    expect(DateOnlySchema.safeParse('2026-02-28').success).toBe(true);
    expect(DateOnlySchema.safeParse('2026-02-30').success).toBe(false);
    const form = RelationshipFormSchema.safeParse({ startDate: '2026-04-31' });
    expect(form.success).toBe(false);
    expect(form.error?.issues.find((i) => i.path[0] === 'startDate')?.message).toBe('date');
  });
});
