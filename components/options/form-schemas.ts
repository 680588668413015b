import { z } from 'zod';
import { isRealDate } from '../../lib/schema/date-only';
import { MAX_LABEL, MAX_TEXT, RelationshipTypeSchema, RoleSchema, StageSchema, WayOfMeetingSchema } from '../../lib/schema';

// Messages are keys of the options strings (see fields.tsx), so the same schema speaks English and Bokmål.
const label = z.string().trim().min(1, 'errRequired').max(MAX_LABEL, `errTooLong|${MAX_LABEL}`);
const text = z.string().max(MAX_TEXT, `errTooLong|${MAX_TEXT}`);
const int = (min: number, max: number) =>
  z.number({ error: 'errNumber' }).int('errWhole').min(min, `errRange|${min}|${max}`).max(max, `errRange|${min}|${max}`);
const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'errDate')
  .refine(isRealDate, 'errDate');

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
    if (all.length > max) ctx.addIssue({ code: 'custom', message: `errTooManyLines|${max}` });
    if (all.some((l) => l.length > maxLength)) ctx.addIssue({ code: 'custom', message: `errLineTooLong|${maxLength}` });
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
    waysOfMeeting: z.array(WayOfMeetingSchema, { error: 'errPickOne' }).min(1, 'errPickOne').max(4),
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
  .refine((v) => !v.ownTarget || v.targetMin <= v.targetMax, { message: 'errTargetOrder', path: ['targetMax'] });
export type RelationshipFormValues = z.infer<typeof RelationshipFormSchema>;

export const GoalFormSchema = z.object({
  title: label,
  why: text,
  measure: text,
  targetDate: z.union([z.literal(''), dateOnly]),
  skillGap: z.string().max(200, 'errTooLong|200'),
  status: z.enum(['not-started', 'in-progress', 'achieved', 'dropped']),
  progress: int(0, 100),
});
export type GoalFormValues = z.infer<typeof GoalFormSchema>;

export const ManualSessionFormSchema = z.object({
  date: dateOnly,
  time: z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'errTime'),
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
  .refine((v) => v.mentorMin <= v.mentorMax, { message: 'errTargetOrder', path: ['mentorMax'] })
  .refine((v) => v.menteeMin <= v.menteeMax, { message: 'errTargetOrder', path: ['menteeMax'] });
export type SettingsFormValues = z.infer<typeof SettingsFormSchema>;
