import type { Language } from '../../lib/i18n';
import { formatDateTime as sharedDateTime, formatTime as sharedTime } from '../../lib/format/date';

import { localeFor } from '../../lib/format/date';

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

/** "Wed 16 Dec 2026, 14:15" (lib/format/date.ts). */
export function formatDateTime(ms: number, language: Language): string {
  return sharedDateTime(ms, language);
}

/** "14:15", 24-hour (lib/format/date.ts). */
export function formatTime(ms: number, language: Language): string {
  return sharedTime(ms, language);
}

export function formatCount(n: number, language: Language): string {
  return new Intl.NumberFormat(localeFor(language)).format(n);
}
