import { describe, expect, it } from 'vitest';
import { formatDate, formatDateOnly, formatDateRange, formatDateTime, formatDay, formatLongDate, formatTime } from '../../lib/format/date';

const at = new Date(2026, 11, 16, 14, 15);
const morning = new Date(2026, 11, 16, 9, 5);

describe('one date and time style per language', () => {
  it('writes English dates the British way and Norwegian dates the Norwegian way', () => {
    expect(formatDay(at, 'en')).toMatch(/^Wed,? 16 Dec$/);
    expect(formatDate(at, 'en')).toBe('16 Dec 2026');
    expect(formatLongDate(at, 'en')).toMatch(/^Wednesday,? 16 December 2026$/); // ICU versions differ on the comma
    expect(formatDateTime(at, 'en')).toMatch(/^Wed,? 16 Dec 2026,? (at )?14:15$/);
    expect(formatDay(at, 'nb')).toBe('ons. 16. des.');
    expect(formatDate(at, 'nb')).toBe('16. des. 2026');
    expect(formatLongDate(at, 'nb')).toBe('onsdag 16. desember 2026');
    expect(formatDateTime(at, 'nb')).toMatch(/^ons\. 16\. des\. 2026.* 14:15$/);
    expect(formatDateRange(new Date(2026, 10, 23), new Date(2026, 10, 29), 'en')).toMatch(/^23\s?–\s?29 Nov 2026$/);
  });

  it('always uses a 24-hour clock, in both languages', () => {
    for (const language of ['en', 'nb'] as const) {
      expect(formatTime(at, language)).toBe('14:15');
      expect(formatTime(morning, language)).toBe('09:05');
      expect(formatDateTime(at, language)).not.toMatch(/AM|PM|a\.m\.|p\.m\./i);
    }
  });

  it('reads a stored YYYY-MM-DD day as that calendar day, whatever the time zone', () => {
    expect(formatDateOnly('2026-03-01', 'en')).toBe('1 Mar 2026');
    expect(formatDateOnly('2026-03-01', 'nb', 'long')).toBe('søndag 1. mars 2026');
    expect(formatDateOnly('2026-03-01', 'en', 'day')).toMatch(/^Sun,? 1 Mar$/);
  });
});
