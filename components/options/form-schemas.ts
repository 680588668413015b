import { z } from 'zod';
import { formError } from '../../lib/i18n/form-errors';
import { isRealDate } from '../../lib/schema/date-only';
import { MAX_LABEL, MAX_TEXT, RelationshipTypeSchema, RoleSchema, StageSchema, WayOfMeetingSchema } from '../../lib/schema';

// Messages are form error keys (lib/i18n/form-errors.ts), so the same schema speaks English and Bokmål.
const label = z.string().trim().min(1, formError('required')).max(MAX_LABEL, formError('tooLong', MAX_LABEL));
const text = z.string().max(MAX_TEXT, formError('tooLong', MAX_TEXT));
const int = (min: number, max: number) =>
  z
    .number({ error: formError('number') })
    .int(formError('whole'))
    .min(min, formError('range', min, max))
    .max(max, formError('range', min, max));
const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, formError('date'))
  .refine(isRealDate, formError('date'));

/** Splits a textarea into trimmed, non-empty lines. */
export function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

function linesOf(max: number, maxLength: number) {
  return z.string().superRefine((value, ctx) => {
    const all = lines(value);
    if (all.length > max) ctx.addIssue({ code: 'custom', message: formError('tooManyLines', max) });
    if (all.some((l) => l.length > maxLength)) ctx.addIssue({ code: 'custom', message: formError('lineTooLong', maxLength) });
  });
}

/** What the relationship form edits, as the inputs hold it. */
export const RelationshipFormSchema = z
  .object({
    counterpartName: label,
    myRole: RoleSchema,
    type: RelationshipTypeSchema,
    mentorOrigin: z.enum(['internal', 'external']),
    startDate: dateOnly,
    termMonths: int(1, 120),
    confidentiality: text,
    boundaries: text,
    waysOfMeeting: z
      .array(WayOfMeetingSchema, { error: formError('pickOne') })
      .min(1, formError('pickOne'))
      .max(4),
    usualLengthMin: int(5, 480),
    meetingLinks: linesOf(50, 2048),
    earlyEveryDays: int(1, 365),
    earlyMeetings: int(0, 50),
    laterEveryDays: int(1, 365),
    ownTarget: z.boolean(),
    targetMin: int(0, 100),
    targetMax: int(0, 100),
    skillsGaps: linesOf(50, MAX_LABEL),
  })
  .refine((v) => !v.ownTarget || v.targetMin <= v.targetMax, { message: formError('targetOrder'), path: ['targetMax'] });
export type RelationshipFormValues = z.infer<typeof RelationshipFormSchema>;

export const GoalFormSchema = z.object({
  title: label,
  why: text,
  measure: text,
  targetDate: z.union([z.literal(''), dateOnly]),
  skillGap: z.string().max(200, formError('tooLong', 200)),
  status: z.enum(['not-started', 'in-progress', 'achieved', 'dropped']),
  progress: int(0, 100),
});
export type GoalFormValues = z.infer<typeof GoalFormSchema>;

export const ManualSessionFormSchema = z.object({
  date: dateOnly,
  time: z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, formError('time')),
  lengthMin: int(1, 480),
  wayOfMeeting: WayOfMeetingSchema,
  stage: StageSchema,
});
export type ManualSessionFormValues = z.infer<typeof ManualSessionFormSchema>;

export const AgendaFormSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        title: label,
        timeboxMin: int(1, 480),
        goalId: z.string(),
      }),
    )
    .max(100),
});
export type AgendaFormValues = z.infer<typeof AgendaFormSchema>;

const share = int(0, 100);
export const SettingsFormSchema = z
  .object({
    language: z.enum(['auto', 'en', 'nb']),
    cuesEnabled: z.boolean(),
    weekStartsOn: z.enum(['1', '0', '6']),
    mentorMin: share,
    mentorMax: share,
    menteeMin: share,
    menteeMax: share,
  })
  .refine((v) => v.mentorMin <= v.mentorMax, { message: formError('targetOrder'), path: ['mentorMax'] })
  .refine((v) => v.menteeMin <= v.menteeMax, { message: formError('targetOrder'), path: ['menteeMax'] });
export type SettingsFormValues = z.infer<typeof SettingsFormSchema>;
