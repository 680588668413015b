/**
 * The calendar-day format the records store (`YYYY-MM-DD`, local time, no zone): the one place it
 * is written, read and checked (DateOnlySchema in ./common.ts and the forms' schemas use
 * isRealDate). Kept free of zod and date-fns, so the popup's first view can use it.
 */

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a `YYYY-MM-DD` string that names a real calendar day (not 2026-02-30). */
export function isRealDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A local day as `YYYY-MM-DD`. */
export function toDateOnly(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A `YYYY-MM-DD` date as a local day (no time zone shift). */
export function fromDateOnly(date: string): Date {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(y, m - 1, d);
}
