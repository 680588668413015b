import { z } from 'zod';
import { isRealDate } from './date-only';

// Extension pages forbid eval (CSP script-src 'self'). zod 4 would probe for it with
// `new Function` on the first object parse, and browsers report the blocked attempt as a CSP
// error (Firefox in its console). Every schema module imports this one first, so no probe
// happens.
z.config({ jitless: true });

/** Upper bound for any free text a person types; larger input is refused, never truncated. */
export const MAX_TEXT = 10_000;
/** Upper bound for short labels (names, titles). */
export const MAX_LABEL = 200;

export const IdSchema = z.string().min(1, 'is missing').max(64, 'is too long');
export const LabelSchema = z.string().trim().min(1, 'is required').max(MAX_LABEL, `must be at most ${MAX_LABEL} characters`);
export const TextSchema = z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT.toLocaleString('en')} characters`);
/** A calendar date as `YYYY-MM-DD` (local, no time zone): due dates, start dates. */
export const DateOnlySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
  .refine(isRealDate, 'is not a real date');
/** Milliseconds since the epoch. */
export const EpochMsSchema = z.number().int('must be a whole number').nonnegative('must not be negative').max(8.64e15);
export const DurationMsSchema = z.number().finite().nonnegative('must not be negative').max(1e10);

export const RoleSchema = z.enum(['mentor', 'mentee']);
export type Role = z.infer<typeof RoleSchema>;
export const WayOfMeetingSchema = z.enum(['video', 'phone', 'face-to-face', 'email']);
export type WayOfMeeting = z.infer<typeof WayOfMeetingSchema>;
export const StageSchema = z.enum(['first-meeting', 'goal-setting', 'progress', 'review']);
export type Stage = z.infer<typeof StageSchema>;
export const PlatformSchema = z.enum(['meet', 'zoom', 'teams', 'jitsi', 'whereby', 'demo', 'generic', 'manual']);
export type Platform = z.infer<typeof PlatformSchema>;

/** Turns a zod error into one line per bad field, each naming its path. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

export function newId(): string {
  return crypto.randomUUID();
}
