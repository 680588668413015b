/**
 * The calendar-day format the records store (`YYYY-MM-DD`, local time, no zone; DateOnlySchema in
 * ./common.ts checks it). Kept free of zod and date-fns, so the popup's first view can use it.
 */

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
