import type { Language } from '../i18n/core';
import { localeFor } from './date';

/** Numbers and durations in the chosen language's style (lib/format/date.ts picks the locale). */

/** A duration as m:ss (or h:mm:ss), the way a timer shows it. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Seconds with one decimal, for pauses before answering. */
export function formatSeconds(ms: number, language: Language): string {
  return `${new Intl.NumberFormat(localeFor(language), { maximumFractionDigits: 1 }).format(ms / 1000)}\u00a0s`;
}

/** A count with the language's digit grouping ("1,234", "1 234"). */
export function formatCount(n: number, language: Language): string {
  return new Intl.NumberFormat(localeFor(language)).format(n);
}
