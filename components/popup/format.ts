import { getISOWeek, getWeek } from 'date-fns';
import { formatDateRange } from '../../lib/format/date';
import type { Language } from '../../lib/i18n/core';
import type { Week } from '../../lib/summary/week';

/** "23–29 Nov 2026" in the reader's language. */
export function weekRangeLabel(week: Week, language: Language): string {
  const lastDay = new Date(week.end.getTime() - 12 * 3_600_000);
  return formatDateRange(week.start, lastDay, language);
}

/** Week number: ISO for weeks starting Monday, otherwise counted from the week holding 1 January. */
export function weekNumber(week: Week, weekStartsOn: 0 | 1 | 6): number {
  return weekStartsOn === 1 ? getISOWeek(week.start) : getWeek(week.start, { weekStartsOn, firstWeekContainsDate: 1 });
}
