import type { Language } from '../../lib/i18n';

const LOCALES: Record<Language, string> = { en: 'en-GB', nb: 'nb-NO' };

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
  return `${new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 1 }).format(ms / 1000)}\u00a0s`;
}

export function formatDateTime(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

export function formatTime(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeStyle: 'short' }).format(new Date(ms));
}

export function formatCount(n: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language]).format(n);
}
